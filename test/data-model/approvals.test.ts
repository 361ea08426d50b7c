import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { createMembers, DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

let stack: TestStack
let service: Client
let operator: Client
let viewer: Client
let admin: Client
let run: string
let gates = 0

async function request(fields: Record<string, unknown> = {}) {
  const { data, error } = await service.from('approval_requests')
    .insert({ execution_id: run, node_id: `gate-${++gates}`, required_approvals: 1, ...fields }).select().single()
  if (error) throw new Error(error.message)
  return data as { id: string; status: string; required_approvals: number }
}
const vote = (client: Client, requestId: string, userId: string, choice: 'approve' | 'reject' = 'approve') =>
  client.from('approval_votes').insert({ approval_request_id: requestId, user_id: userId, vote: choice })
const statusOf = async (id: string) =>
  (await service.from('approval_requests').select('status, approval_count').eq('id', id).single()).data

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  ;[operator, viewer, admin] = await Promise.all(['operator', 'viewer', 'admin'].map((r) => signIn(stack, `${r}@opzenix.dev`)))
  const { data } = await operator.from('executions')
    .insert({ project_id: DEMO.project, name: 'release under review', started_by: DEMO.users.operator }).select('id').single()
  run = data!.id
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('approval votes', () => {
  it('approves a request needing 3 exactly once when 50 people vote at the same moment', async () => {
    const voters = await createMembers(stack, 'voter', 50, DEMO.acme, 'operator')
    const clients = await Promise.all(voters.map((v) => signIn(stack, v.email)))
    const { id } = await request({ required_approvals: 3 })

    // Everyone votes at once, and the first ten also try to vote a second time.
    const attempts = [
      ...clients.map((c, i) => vote(c, id, voters[i].id)),
      ...clients.slice(0, 10).map((c, i) => vote(c, id, voters[i].id)),
    ]
    const results = await Promise.all(attempts)
    const accepted = results.filter((r) => !r.error)
    expect(accepted).toHaveLength(3)

    expect(await statusOf(id)).toEqual({ status: 'approved', approval_count: 3 })
    const votes = await sql(stack, 'select user_id from public.approval_votes where approval_request_id = $1', [id])
    expect(new Set(votes.map((v) => v.user_id)).size).toBe(3)
    const flips = await sql(stack,
      `select count(*)::int as n from public.audit_logs
       where resource_type = 'approval_requests' and resource_id = $1
         and before ->> 'status' = 'pending' and after ->> 'status' = 'approved'`, [id])
    expect(flips[0].n).toBe(1)
  }, 180_000)

  it('refuses the run\'s starter approving their own run unless the policy allows it', async () => {
    const strict = await request()
    const { error } = await vote(operator, strict.id, DEMO.users.operator)
    expect(error?.message).toMatch(/starter cannot approve/)
    expect((await statusOf(strict.id))?.status).toBe('pending')

    const lenient = await request({ allow_self_approval: true })
    expect((await vote(operator, lenient.id, DEMO.users.operator)).error).toBeNull()
    expect((await statusOf(lenient.id))?.status).toBe('approved')
  })

  it('refuses roles the request does not allow', async () => {
    const { id } = await request()
    expect((await vote(viewer, id, DEMO.users.viewer)).error?.message).toMatch(/role viewer may not vote/)

    const adminsOnly = await request({ allowed_roles: ['admin'] })
    const sre = await signIn(stack, 'sre@opzenix.dev')
    expect((await vote(sre, adminsOnly.id, DEMO.users.sre)).error?.message).toMatch(/role operator may not vote/)
    expect((await vote(admin, adminsOnly.id, DEMO.users.admin)).error).toBeNull()
  })

  it('rejects on the first reject vote and accepts no vote after that', async () => {
    const { id } = await request({ required_approvals: 2 })
    expect((await vote(admin, id, DEMO.users.admin, 'reject')).error).toBeNull()
    expect(await statusOf(id)).toMatchObject({ status: 'rejected', approval_count: 0 })
    const lead = await signIn(stack, 'lead@opzenix.dev')
    expect((await vote(lead, id, DEMO.users.lead)).error?.message).toMatch(/already rejected/)
  })

  it('refuses votes on an expired request', async () => {
    const { id } = await request({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    expect((await vote(admin, id, DEMO.users.admin)).error?.message).toMatch(/expired/)
  })

  it('does not let anyone vote in someone else\'s name', async () => {
    const { id } = await request()
    const { error } = await vote(operator, id, DEMO.users.admin)
    expect(error?.code).toBe('42501')
    expect(await sql(stack, 'select 1 from public.approval_votes where approval_request_id = $1', [id])).toEqual([])
  })

  it('derives status and count from votes only: clients cannot write them', async () => {
    const { data: created, error } = await operator.from('approval_requests')
      .insert({ execution_id: run, node_id: 'forged-gate', status: 'approved', approval_count: 5, required_approvals: 1, requested_by: DEMO.users.operator })
      .select('status, approval_count').single()
    expect(error).toBeNull()
    expect(created).toEqual({ status: 'pending', approval_count: 0 })

    const { id } = await request()
    const { error: updateError } = await admin.from('approval_requests').update({ status: 'approved', approval_count: 9 }).eq('id', id)
    expect(updateError?.code).toBe('42501')
    expect(await statusOf(id)).toEqual({ status: 'pending', approval_count: 0 })
  })

  it('asks for at least the approvals the target environment requires', async () => {
    const prodGate = await request({ environment_id: DEMO.env.prod, required_approvals: 1 })
    expect(prodGate.required_approvals).toBe(3)
  })
})
