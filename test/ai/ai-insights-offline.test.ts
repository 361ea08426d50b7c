// ai-insights with no model configured: the rule-based analysis of a failed run, stored for the project's
// members; refusals for anonymous callers, other organizations, bad input and over-limit users and orgs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from '../functions/helpers.ts'
import { createPipeline, failingPipeline, runToEnd } from '../functions/runs.ts'

let stack: TestStack
let as: Clients
let first: string
let second: string

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  stack = await startProjectStack()
  as = await roleClients(stack)
  const pipeline = await createPipeline(stack, 'ai offline', failingPipeline(false))
  first = (await runToEnd(stack, as.operator, pipeline)).id
  second = (await runToEnd(stack, as.operator, pipeline)).id
}, 180_000)
afterAll(async () => { await stack?.stop() })

describe('ai-insights without a model', () => {
  it('answers with the labelled rule-based findings: which stage failed with what, and that it recurs', async () => {
    const reply = await invoke(as.viewer, 'ai-insights', { execution_id: second })
    expect(reply.status).toBe(200)
    expect(reply.body.analyzer).toBe('rule-based')
    expect(reply.body.summary).toMatch(/^Stage "test" failed with "[^"]*1 test failed[^"]*"\./)
    const kinds = reply.body.findings.map((f: any) => f.kind)
    expect(kinds.slice(0, 2)).toEqual(['failure', 'failure_cluster'])
    expect(reply.body.findings[1].message).toMatch(/^The same failure ended 1 earlier run/)
    expect(reply.body.findings[1].evidence.runs).toEqual([first])
  })

  it('calls the first run\'s failure new, and stores each analysis for the project\'s members only', async () => {
    const reply = await invoke(as.operator, 'ai-insights', { execution_id: first, node_id: 'test' })
    expect(reply.body.findings[1].message).toMatch(/^This failure is new/)
    const stored = await as.viewer.from('ai_analyses').select('*').eq('id', reply.body.analysis_id).single()
    expect(stored.data).toMatchObject({
      execution_id: first, node_id: 'test', analyzer: 'rule-based', model: null, status: 'complete', prompt: null,
      answer: reply.body.summary, requested_by: DEMO.users.operator, findings: reply.body.findings,
    })
    expect(stored.data.finished_at).not.toBeNull()
    expect((await as.globex.from('ai_analyses').select('id').eq('id', reply.body.analysis_id)).data).toEqual([])
  })

  it('with no ElevenLabs key, hands the analysis text to the browser to speak', async () => {
    const analysis = await invoke(as.viewer, 'ai-insights', { execution_id: second })
    const spoken = await invoke(as.viewer, 'elevenlabs-tts', { analysis_id: analysis.body.analysis_id })
    expect(spoken).toEqual({ status: 200, body: { mode: 'browser', text: analysis.body.summary } })
  })

  it('refuses anonymous callers, other organizations, unknown nodes and bad input, and stores nothing', async () => {
    const before = await counts(stack, ['ai_analyses'])
    expectError(await invoke(as.anon, 'ai-insights', { execution_id: first }), 401, 'unauthorized')
    expectError(await invoke(as.globex, 'ai-insights', { execution_id: first }), 404, 'not_found')
    expectError(await invoke(as.viewer, 'ai-insights', { execution_id: first, node_id: 'nope' }), 404, 'not_found')
    expectError(await invoke(as.viewer, 'ai-insights', { execution_id: 'not-a-uuid' }), 400, 'invalid_input')
    expectError(await rawPost(stack, as.viewer, 'ai-insights', '{', 'application/json'), 400, 'invalid_input')
    expect(await counts(stack, ['ai_analyses'])).toEqual(before)
  })

  it('stops a person at 30 analyses an hour and an organization at 200, with a clear 429', async () => {
    const fill = (user: string, n: number) => sql(stack, `insert into public.ai_analyses (organization_id, project_id, execution_id, analyzer, status, requested_by)
      select $1, $2, $3, 'rule-based', 'complete', $4 from generate_series(1, $5)`, [DEMO.acme, DEMO.project, first, user, n])
    await sql(stack, 'delete from public.ai_analyses')
    await fill(DEMO.users.viewer, 30)
    const user = await invoke(as.viewer, 'ai-insights', { execution_id: first })
    expectError(user, 429, 'rate_limited')
    expect(user.body.error.message).toMatch(/^You have asked for 30 analyses in the last hour, the most one person may; try again in 60 minutes$/)
    expect(user.body.error.details).toEqual({ scope: 'user', limit: 30, retry_after_seconds: expect.any(Number) })
    expect((await invoke(as.operator, 'ai-insights', { execution_id: first })).status).toBe(200)

    await fill(DEMO.users.admin, 169)
    const org = await invoke(as.operator, 'ai-insights', { execution_id: first })
    expectError(org, 429, 'rate_limited')
    expect(org.body.error.message).toMatch(/^Your organization has asked for 200 analyses in the last hour/)
    expect(org.body.error.details.scope).toBe('organization')
    expect(await counts(stack, ['ai_analyses'])).toEqual({ ai_analyses: 200 })
    // An hour later the window has moved on.
    await sql(stack, `update public.ai_analyses set created_at = now() - interval '61 minutes'`)
    expect((await invoke(as.viewer, 'ai-insights', { execution_id: first })).status).toBe(200)
  })
})
