// explain-config and ai-telemetry-analysis with no model: the rule-based answers on real pipelines, runs and
// environments, stored for the project's members; refusals for anonymous callers, other organizations, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, roleClients, type Clients } from '../functions/helpers.ts'
import { createPipeline, failingPipeline, runToEnd } from '../functions/runs.ts'

let stack: TestStack
let as: Clients
let risky: string
let run: string

const sim = { executor: { type: 'simulated', duration_ms: 0, outcome: 'success' } }
const riskyGraph = {
  nodes: [
    { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { config: { repository: 'acme/payments-api' } } },
    { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: { config: sim } },
    { id: 'ship', type: 'deploy', position: { x: 400, y: 0 }, data: { config: { environment: 'prod' } } },
  ],
  edges: [{ source: 'source', target: 'build' }, { source: 'build', target: 'ship' }],
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  stack = await startProjectStack()
  as = await roleClients(stack)
  risky = await createPipeline(stack, 'straight to prod', riskyGraph)
  const failing = await createPipeline(stack, 'telemetry', failingPipeline(false))
  await runToEnd(stack, as.operator, failing)
  run = (await runToEnd(stack, as.operator, failing)).id
}, 180_000)
afterAll(async () => { await stack?.stop() })

describe('explain-config', () => {
  it('says what a pipeline runs and that its production deploy has no gate and no way back', async () => {
    const reply = await invoke(as.viewer, 'explain-config', { flow_template_id: risky })
    expect(reply.status).toBe(200)
    expect(reply.body.analyzer).toBe('rule-based')
    expect(reply.body.summary).toBe('Pipeline "straight to prod" runs source → build → deploy ship to prod.')
    expect(reply.body.findings.slice(0, 2).map((f: any) => f.evidence.code)).toEqual(['unapproved_production_deploy', 'no_rollback_path'])
    const { data } = await as.viewer.from('ai_analyses').select('kind, flow_template_id, execution_id, answer').eq('id', reply.body.analysis_id).single()
    expect(data).toEqual({ kind: 'config', flow_template_id: risky, execution_id: null, answer: reply.body.summary })
  })

  it('says what an environment requires and holds', async () => {
    const [prod] = await sql(stack, 'select required_approvals from public.environments where id = $1', [DEMO.env.prod])
    const reply = await invoke(as.operator, 'explain-config', { environment_id: DEMO.env.prod })
    expect(reply.status).toBe(200)
    expect(reply.body.summary).toMatch(new RegExp(`^Environment "prod" \\(production tier\\) needs ${prod.required_approvals} approvals? before a deploy; it has \\d+ plain variables?`))
  })

  it('refuses anonymous callers, other organizations and bad input, and stores nothing', async () => {
    const before = await counts(stack, ['ai_analyses'])
    expectError(await invoke(as.anon, 'explain-config', { flow_template_id: risky }), 401, 'unauthorized')
    expectError(await invoke(as.globex, 'explain-config', { flow_template_id: risky }), 404, 'not_found')
    expectError(await invoke(as.globex, 'explain-config', { environment_id: DEMO.env.prod }), 404, 'not_found')
    expectError(await invoke(as.viewer, 'explain-config', { flow_template_id: risky, environment_id: DEMO.env.prod }), 400, 'invalid_input')
    expect(await counts(stack, ['ai_analyses'])).toEqual(before)
  })
})

describe('ai-telemetry-analysis', () => {
  it('analyses a run\'s stages against their history, stored as a telemetry analysis', async () => {
    const reply = await invoke(as.viewer, 'ai-telemetry-analysis', { execution_id: run, node_id: 'test' })
    expect(reply.status).toBe(200)
    expect(reply.body.summary).toMatch(/ in the telemetry of stage "test"\.$/)
    const { data } = await as.viewer.from('ai_analyses').select('kind, execution_id, node_id').eq('id', reply.body.analysis_id).single()
    expect(data).toEqual({ kind: 'telemetry', execution_id: run, node_id: 'test' })
  })

  it('summarises the runs that targeted an environment', async () => {
    const [{ n, failed }] = await sql(stack, `select count(*)::int as n, count(*) filter (where status = 'failed')::int as failed
      from public.executions where environment_id = $1 and finished_at is not null`, [DEMO.env.dev])
    const reply = await invoke(as.viewer, 'ai-telemetry-analysis', { environment_id: DEMO.env.dev })
    expect(reply.status).toBe(200)
    expect(reply.body.summary).toMatch(n === 0 ? /^No finished run has targeted "dev" yet\.$/ : new RegExp(`^${n} finished runs targeted "dev", ${failed} failed`))
  })

  it('refuses other organizations and unknown nodes', async () => {
    expectError(await invoke(as.globex, 'ai-telemetry-analysis', { execution_id: run }), 404, 'not_found')
    expectError(await invoke(as.globex, 'ai-telemetry-analysis', { environment_id: DEMO.env.dev }), 404, 'not_found')
    expectError(await invoke(as.viewer, 'ai-telemetry-analysis', { execution_id: run, node_id: 'nope' }), 404, 'not_found')
    expectError(await invoke(as.anon, 'ai-telemetry-analysis', { execution_id: run }), 401, 'unauthorized')
  })
})
