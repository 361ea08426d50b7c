// GitHub workflow steps end to end: a run dispatches workflow_dispatch to GitHub (a recording server) with the
// step's inputs, the correlation inputs and TRACEPARENT, waits, and is finished by a signed workflow_run webhook.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql, type Client } from '../data-model/demo.ts'
import type { RecordingServer } from '../helpers/recording-server.ts'
import { DISPATCH, INTEGRATION, startDispatchProject, type DispatchProject } from './dispatch-project.ts'
import { GOOD_TOKEN } from './fake-github.ts'
import type { ProjectStack } from './project.ts'
import { deliver, workflowRun } from './webhook-client.ts'


let github: RecordingServer
let stack: ProjectStack
let admin: Client
let operator: Client
let hook: string
let secret: string

let project: DispatchProject
const tick = () => project.tick()
const until = <T>(what: string, read: () => Promise<T | undefined | null | false>) => project.until(what, read)

const node = async (executionId: string, nodeId = 'ci') =>
  (await sql(stack, `select id, status, attempt, output, started_at from public.execution_nodes where execution_id = $1 and node_id = $2`, [executionId, nodeId]))[0]
const run = async (executionId: string) => (await sql(stack, `select status, error_message from public.executions where id = $1`, [executionId]))[0]
const logs = async (executionId: string, nodeId = 'ci') =>
  (await sql(stack, `select level, message from public.execution_logs where execution_id = $1 and node_id = $2 order by id`, [executionId, nodeId]))
const dispatched = (executionId: string) => until(`the dispatch of ${executionId}`, async () => {
  const n = await node(executionId)
  return n.output?.github_workflow?.state === 'dispatched' || n.status !== 'running' ? n : undefined
})

/** Saves a pipeline src → ci (a GitHub workflow step) → deploy to dev, and starts it as the operator. */
async function startRun(executor: Record<string, unknown>): Promise<string> {
  const { data: flow, error } = await admin.from('flow_templates').insert({
    project_id: DEMO.project, name: `Workflow step ${randomUUID().slice(0, 8)}`, type: 'cicd',
    nodes: [
      { id: 'src', kind: 'source', config: { repository: 'acme/payments-api' } },
      { id: 'ci', kind: 'build', label: 'GitHub build', config: { executor: { type: 'github_workflow', ...executor } } },
      { id: 'ship', kind: 'deploy', config: { environment: 'dev' } },
    ],
    edges: [{ source: 'src', target: 'ci' }, { source: 'ci', target: 'ship' }],
  }).select('id').single()
  expect(error).toBeNull()
  const started = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: flow!.id } })
  expect(started.error).toBeNull()
  return started.data.execution_id
}

async function settled(deliveryId: string) {
  return until(`delivery ${deliveryId}`, async () => {
    const [row] = await sql(stack, `select status, result, error from public.webhook_deliveries where delivery_id = $1`, [deliveryId])
    return row && !['received', 'processing'].includes(row.status) ? row : undefined
  })
}

async function send(payload: Record<string, unknown>) {
  const sent = await deliver(hook, 'workflow_run', payload, { secret })
  expect(sent.status).toBe(202)
  return settled(sent.deliveryId)
}

beforeAll(async () => {
  project = await startDispatchProject()
  ;({ github, stack, admin, operator, hook, secret } = project)
}, 180_000)
afterAll(async () => { await project?.stop() })

describe('GitHub workflow step', () => {
  it('dispatches once, even with 12 ticks at once, with the inputs, the correlation ids and the run\'s TRACEPARENT', async () => {
    github.reset()
    const executionId = await startRun({ workflow: 'build.yml', inputs: { suite: 'smoke' }, timeout_minutes: 30 })
    const service = stack.service()
    const ticks = await Promise.all(Array.from({ length: 12 }, () => service.functions.invoke('engine-tick', { body: { execution_id: executionId } })))
    expect(ticks.map((t) => t.error)).toEqual(Array(12).fill(null))
    const n = await dispatched(executionId)
    expect(n.status).toBe('running')
    const calls = github.received(DISPATCH, 'POST')
    expect(calls).toHaveLength(1)
    expect(calls[0].path).toBe('/repos/acme/payments-api/actions/workflows/build.yml/dispatches')
    expect(calls[0].headers.authorization).toBe(`token ${GOOD_TOKEN}`)
    const body = JSON.parse(calls[0].body)
    const [{ traceparent }] = await sql(stack, `select public.execution_node_traceparent($1) as traceparent`, [n.id])
    expect(body).toEqual({ ref: 'main', inputs: { suite: 'smoke', opzenix_execution_id: executionId, opzenix_node_id: 'ci', TRACEPARENT: traceparent } })
    expect(traceparent).toBe(`00-${executionId.replace(/-/g, '')}-${traceparent.split('-')[2]}-01`)
    expect(n.output.github_workflow).toMatchObject({ repository: 'acme/payments-api', workflow_path: '.github/workflows/build.yml', ref: 'main', traceparent })
    const lines = (await logs(executionId)).map((l) => l.message).join('\n')
    expect(lines).toMatch(/Dispatched \.github\/workflows\/build\.yml on main of acme\/payments-api/)
    expect(lines).toMatch(/Waiting for its workflow_run webhook/)

    // An unrelated run (a push run, another branch, another execution's run-name) leaves the step waiting.
    for (const over of [{ id: 9001, event: 'push' }, { id: 9002, head_branch: 'develop' }, { id: 9003, name: `Build ${randomUUID()}` },
      { id: 9004, path: '.github/workflows/other.yml', workflow_id: 8 }]) {
      const row = await send(workflowRun('completed', over))
      expect(row.result.node, JSON.stringify(over)).toMatchObject({ matched: false })
    }
    // The same run sent through another organization's integration (its own valid secret) finishes nothing.
    const foreign = await deliver(`${stack.functionsUrl}/github-webhook/60000000-0000-4000-a000-000000000002`, 'workflow_run',
      workflowRun('completed', { id: 5001, name: executionId }), { secret: 'whsec_demo_globex_sled_77ab10' })
    expect(foreign.status).toBe(202)
    expect((await settled(foreign.deliveryId)).result.node).toEqual({ matched: false, reason: 'no_waiting_node' })
    // Its own run (run-name carries the execution id): progress, then success; the run goes on to deploy.
    const progress = await send(workflowRun('in_progress', { id: 5001, name: executionId }))
    expect(progress.result.node).toEqual({ matched: true, execution_id: executionId, node_id: 'ci', state: 'in_progress' })
    expect((await node(executionId)).status).toBe('running')
    const done = await send(workflowRun('completed', { id: 5001, name: executionId, conclusion: 'success' }))
    expect(done.result.node).toMatchObject({ matched: true, state: 'completed' })
    expect(await until('the run to finish', async () => ['success', 'failed'].includes((await run(executionId)).status) && run(executionId)))
      .toMatchObject({ status: 'success' })
    const finished = await node(executionId)
    expect(finished.status).toBe('success')
    expect(finished.output.github_workflow).toMatchObject({ run_id: 5001, html_url: 'https://github.com/acme/payments-api/actions/runs/5001', conclusion: 'success' })
    expect((await logs(executionId)).map((l) => l.message)).toEqual(expect.arrayContaining([
      'Workflow run #1 in progress: https://github.com/acme/payments-api/actions/runs/5001',
      'Workflow run #1 completed: success — https://github.com/acme/payments-api/actions/runs/5001',
    ]))
    // The task span the engine emits is the parent TRACEPARENT named: the workflow's spans join this trace.
    const [span] = await sql(stack, `select otel_trace_id, otel_span_id from public.telemetry_signals where execution_id = $1 and name = 'GitHub build'`, [executionId])
    expect(`00-${span.otel_trace_id}-${span.otel_span_id}-01`).toBe(traceparent)
    expect(github.received(DISPATCH, 'POST')).toHaveLength(1)
  })

  it('lets one claim win of twelve at once, so a node is never dispatched twice', async () => {
    const executionId = await startRun({ workflow: 'build.yml' })
    expect((await node(executionId)).status).toBe('running') // started by pipeline-execute's own tick, not dispatched yet
    const service = stack.service()
    const claims = await Promise.all(Array.from({ length: 12 }, () =>
      service.rpc('github_workflow_claim', { _execution_id: executionId, _node_id: 'ci' })))
    expect(claims.map((c) => c.error)).toEqual(Array(12).fill(null))
    expect(claims.filter((c) => c.data !== null)).toHaveLength(1)
    expect((await node(executionId)).output.github_workflow.state).toBe('dispatching')
    await tick()
    expect(github.received(/missing|build/, 'POST').filter((r) => r.body.includes(executionId))).toHaveLength(0)
    const cancelled = await operator.functions.invoke('execution-cancel', { body: { execution_id: executionId } })
    expect(cancelled.error).toBeNull()
  })

  it('fails the step and the run when the workflow run concludes failure (matched without an id in its name)', async () => {
    const executionId = await startRun({ workflow: '.github/workflows/build.yml' })
    await dispatched(executionId)
    const done = await send(workflowRun('completed', { id: 6001, conclusion: 'failure' }))
    expect(done.result.node).toMatchObject({ matched: true, execution_id: executionId })
    const finished = await until('the run to fail', async () => (await run(executionId)).status === 'failed' && run(executionId))
    expect(finished.error_message).toMatch(/GitHub build.*concluded failure/)
    expect(await node(executionId)).toMatchObject({ status: 'failed' })
    expect((await node(executionId, 'ship')).status).toBe('skipped')
  })

  it('fails the step with GitHub\'s answer when the dispatch is refused (404)', async () => {
    github.route({ method: 'POST', path: '/repos/acme/payments-api/actions/workflows/missing.yml/dispatches', reply: { status: 404, json: { message: 'Not Found' } } })
    const executionId = await startRun({ workflow: 'missing.yml' })
    const failed = await until('the step to fail', async () => (await node(executionId)).status === 'failed' && node(executionId))
    expect(failed.output).toMatchObject({ reason: 'dispatch_failed', detail: expect.stringContaining('404 Not Found') })
    const errors = (await logs(executionId)).filter((l) => l.level === 'error').map((l) => l.message)
    expect(errors).toEqual([expect.stringMatching(/^dispatch_failed: GitHub found no workflow to dispatch in acme\/payments-api \(\.github\/workflows\/missing\.yml on main\)/)])
    expect((await until('the run to fail', async () => (await run(executionId)).status === 'failed' && run(executionId))).error_message).toMatch(/404/)
  })

  it('fails a step whose run never reports once timeout_minutes have passed', async () => {
    const executionId = await startRun({ workflow: 'build.yml', timeout_minutes: 1 })
    const n = await dispatched(executionId)
    // Two minutes ago, as far as the engine can tell (it measures from started_at).
    await sql(stack, `update public.execution_nodes set started_at = started_at - interval '2 minutes' where id = $1`, [n.id])
    const failed = await until('the timeout', async () => (await node(executionId)).status === 'failed' && node(executionId))
    expect(failed.output).toMatchObject({ reason: 'timed_out', detail: expect.stringContaining('timed out waiting for workflow run') })
    const [span] = await sql(stack, `select attributes from public.telemetry_signals where execution_id = $1 and name = 'GitHub build'`, [executionId])
    expect(span.attributes['cicd.pipeline.task.run.result']).toBe('timeout')
    // A run arriving after the timeout finds nothing waiting.
    const late = await send(workflowRun('completed', { id: 7001, name: executionId }))
    expect(late.result.node).toEqual({ matched: false, reason: 'no_waiting_node' })
  })
})
