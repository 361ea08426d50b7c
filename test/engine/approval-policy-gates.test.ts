// Approval policies seen by the engine: a gate whose request expires (the policy's expiry) fails with the
// reason and what it still needed; a two-level policy moves the run on only once both levels passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { finished, readRun, simulated, startRun, storedPipeline, waitFor } from './helpers.ts'

let stack: TestStack
let operator: Client
let admin: Client
let lead: Client

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '150'
  stack = await startProjectStack()
  ;[operator, admin, lead] = await Promise.all(['operator', 'admin', 'lead'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
})
afterAll(async () => { await stack?.stop() })

const gated = (env: string) => storedPipeline([
  ['src', 'source', { repository: 'acme/payments-api' }],
  ['build', 'build', simulated(100)],
  ['gate', 'approval', { environment: env }],
  ['deploy', 'deploy', { environment: env, strategy: 'canary', duration_ms: 100 }],
])

const start = (env: string) => startRun(stack, operator, gated(env))
const openRequest = async (executionId: string) =>
  (await operator.from('approval_requests').select('id, status, expires_at, policy_version_id').eq('execution_id', executionId).single()).data!

describe('approval policies at the gate', () => {
  it('an expired request fails the gate with the reason, and the request is closed as expired', async () => {
    const { error } = await admin.rpc('save_approval_policy', {
      _environment_id: DEMO.env.staging, _reason: 'staging changes need an admin within the hour',
      _policy: { expires_after_minutes: 60, rules: [{ name: 'Admins', required: 1, role: 'admin' }] },
    })
    expect(error).toBeNull()
    const id = await start('staging')
    await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    const request = await openRequest(id)
    expect(request.policy_version_id).not.toBeNull()
    expect(Date.parse(request.expires_at!)).toBeGreaterThan(Date.now() + 55 * 60_000)

    // An hour passes with nobody approving.
    await sql(stack, `update public.approval_requests set expires_at = now() - interval '1 second' where id = $1`, [request.id])
    const done = await waitFor(() => readRun(stack, id), finished)
    expect(done.status).toBe('failed')
    expect(done.nodes.gate).toMatchObject({ status: 'failed', output: { reason: 'approval_expired' } })
    expect(done.nodes.gate.output.detail).toMatch(/^Approval request expired at .+ before it was approved; still waiting for Level 1 of 1: Admins \(1 more\)$/)
    expect(done.nodes.deploy.status).toBe('skipped')
    expect((await openRequest(id)).status).toBe('expired')
    const logs = await sql(stack, `select message from public.execution_logs where execution_id = $1 and node_id = 'gate' order by id`, [id])
    expect(logs.map((l) => l.message)).toContain('Approval expired')
  })

  it('a two-level policy holds the run until both levels passed, then it deploys', async () => {
    const { error } = await admin.rpc('save_approval_policy', {
      _environment_id: DEMO.env.uat, _reason: 'two admins, one after the other',
      _policy: { rules: [{ level: 1, name: 'First admin', required: 1, user_ids: [DEMO.users.admin] }, { level: 2, name: 'Second admin', required: 1, user_ids: [DEMO.users.lead] }] },
    })
    expect(error).toBeNull()
    const id = await start('uat')
    await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    const request = await openRequest(id)
    expect((await lead.from('approval_votes').insert({ approval_request_id: request.id, vote: 'approve' })).error?.message).toMatch(/opens once level 1/)
    expect((await admin.from('approval_votes').insert({ approval_request_id: request.id, vote: 'approve', comment: 'level one' })).error).toBeNull()
    await new Promise((r) => setTimeout(r, 600)) // a few ticks: the gate must keep waiting
    expect((await readRun(stack, id)).nodes.gate.status).toBe('waiting')
    expect((await lead.from('approval_votes').insert({ approval_request_id: request.id, vote: 'approve', comment: 'level two' })).error).toBeNull()
    const done = await waitFor(() => readRun(stack, id), finished)
    expect(done.status).toBe('success')
    expect(done.nodes.gate.output).toMatchObject({ reason: 'approved', detail: 'level two' })
  })
})
