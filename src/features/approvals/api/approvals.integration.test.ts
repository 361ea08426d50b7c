// The approvals API as the page uses it (real supabase-js against a fresh stack with the demo seed): what each
// role sees, and the database's refusals put into sentences.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, sql, startProjectStack } from '../../../../test/data-model/demo.ts'
import type { TestStack } from '../../../../test/helpers/stack.ts'

let stack: TestStack
let api: typeof import('./get-approvals.ts') & typeof import('./cast-vote.ts')
let supabase: typeof import('../../../lib/supabase.ts')['supabase']

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}

const prodRequest = async () => (await api.getPendingApprovals(DEMO.project)).find((r) => r.execution_id === DEMO.runningExecution)!
const vote = (id: string, input: { vote: 'approve' | 'reject'; comment: string }) => api.castVote({ id, projectId: DEMO.project }, input)

beforeAll(async () => {
  stack = await startProjectStack()
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  // The app's client is built for browsers; Node 20 has no global WebSocket for its (unused here) Realtime client.
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  api = { ...(await import('./get-approvals.ts')), ...(await import('./cast-vote.ts')) }
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await stack?.stop()
})

describe('approvals through supabase-js', () => {
  it('shows a viewer the pending prod gate with run, environment, people and votes', async () => {
    await as('viewer')
    const request = await prodRequest()
    expect(request).toMatchObject({
      status: 'pending', required_approvals: 3, approval_count: 1,
      environments: { key: 'prod' }, executions: { started_by: DEMO.users.operator },
    })
    expect(request.startedByName).toBeTruthy()
    expect(request.approval_votes.map((v) => [v.user_id, v.vote, v.comment])).toEqual([[DEMO.users.lead, 'approve', 'Staging soak clean for 6h']])
    expect(request.approval_votes[0]!.voterName).not.toBe('Someone outside your organization')
  })

  it('refuses a viewer vote with a sentence naming the role', async () => {
    await as('viewer')
    const { id } = await prodRequest()
    await expect(vote(id, { vote: 'approve', comment: '' })).rejects.toThrow('Your role (viewer) may not vote on this request.')
  })

  it('refuses the run starter approving their own run, but counts nothing', async () => {
    await as('operator')
    const { id } = await prodRequest()
    await expect(vote(id, { vote: 'approve', comment: 'mine' })).rejects.toThrow('You started this run, so someone else must approve it.')
    expect((await prodRequest()).approval_count).toBe(1)
  })

  it('requires a comment to reject, before anything reaches the database', async () => {
    await as('admin')
    const { id } = await prodRequest()
    await expect(vote(id, { vote: 'reject', comment: '  ' })).rejects.toThrow(/Say why you reject/)
    expect((await prodRequest()).approval_votes).toHaveLength(1)
  })

  it('counts an admin approval (derived by the database) and refuses a second vote', async () => {
    await as('admin')
    const { id } = await prodRequest()
    await vote(id, { vote: 'approve', comment: 'Canary metrics look good' })
    const after = await prodRequest()
    expect(after).toMatchObject({ approval_count: 2, status: 'pending' })
    expect(after.approval_votes.at(-1)).toMatchObject({ user_id: DEMO.users.admin, comment: 'Canary metrics look good' })
    await expect(vote(id, { vote: 'reject', comment: 'changed my mind' })).rejects.toThrow('You have already voted on this request; each person votes once.')
  })

  it('moves the request to decided once the last approval lands, and closes voting', async () => {
    await as('sre')
    const { id } = await prodRequest()
    await vote(id, { vote: 'approve', comment: 'On call is aware' })
    expect(await prodRequest()).toBeUndefined()
    const decided = await api.getDecidedApprovals(DEMO.project, 0)
    expect(decided.rows[0]).toMatchObject({ id, status: 'approved', approval_count: 3 })
    expect(decided.rows.length).toBeLessThanOrEqual(api.DECIDED_PAGE_SIZE)
    expect(decided.total).toBeGreaterThan(api.DECIDED_PAGE_SIZE)
    await as('lead')
    await expect(vote(id, { vote: 'approve', comment: '' })).rejects.toThrow(/already/)
  })

  it('says when a request has expired', async () => {
    const [{ id }] = await sql(stack, `insert into public.approval_requests (execution_id, project_id, node_id, environment_id, required_approvals, expires_at)
      values ($1, $2, 'late-gate', $3, 1, now() - interval '1 minute') returning id`, [DEMO.runningExecution, DEMO.project, DEMO.env.staging])
    await as('admin')
    await expect(vote(id, { vote: 'approve', comment: '' })).rejects.toThrow('This request has expired; votes are closed.')
  })
})
