// Approval policies (supabase/migrations/20261204003000_approval_policies.sql): versioned per-environment rules
// (N of group A AND M of group B, in levels), separation of duties, expiry, ticket and impact notes, the
// matching of overlapping groups, concurrency, and the explanation the approval card shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { createMembers, DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

let stack: TestStack
let service: Client
let admin: Client
let lead: Client
let operator: Client
let sre: Client
let viewer: Client
let security: Array<{ id: string; email: string; client: Client }>
let securityTeam: string
let n = 0

type Rule = { level?: number; name?: string; required: number; role?: string; team_id?: string; user_ids?: string[] }
type Policy = {
  active?: boolean; rules: Rule[]; forbid_starter?: boolean; forbid_commit_author?: boolean
  expires_after_minutes?: number; require_ticket?: boolean; require_impact?: boolean
}

async function freshEnv(requiredApprovals = 1): Promise<string> {
  const { data, error } = await service.from('environments').insert({
    project_id: DEMO.project, key: `policy-${++n}`, display_name: `Policy ${n}`, tier: 'production', position: 500 + n,
    required_approvals: requiredApprovals,
  }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

async function savePolicy(environmentId: string, policy: Policy, reason = 'test policy', client: Client = admin) {
  return client.rpc('save_approval_policy', { _environment_id: environmentId, _policy: policy, _reason: reason })
}
async function policyOn(environmentId: string, policy: Policy) {
  const { data, error } = await savePolicy(environmentId, policy)
  if (error) throw new Error(error.message)
  return data as { id: string; version: number }
}

/** A run started by the operator (optionally of a commit someone authored) and a gate request on `environmentId`. */
async function gate(environmentId: string, commitAuthor?: string) {
  const { data: run, error } = await operator.from('executions').insert({
    project_id: DEMO.project, name: `policy run ${++n}`, started_by: DEMO.users.operator, commit_sha: 'abcdef1',
    commit_author_email: commitAuthor ?? null,
  }).select('id').single()
  if (error) throw new Error(error.message)
  const { data, error: requestError } = await service.from('approval_requests')
    .insert({ execution_id: run.id, node_id: 'gate', environment_id: environmentId, required_approvals: 1 }).select().single()
  if (requestError) throw new Error(requestError.message)
  return data as { id: string; policy_version_id: string | null; required_approvals: number; expires_at: string | null; waiting_for: string | null }
}

const vote = (client: Client, requestId: string, choice: 'approve' | 'reject' = 'approve', extra: Record<string, unknown> = {}) =>
  client.from('approval_votes').insert({ approval_request_id: requestId, vote: choice, ...extra })
const state = async (id: string) => (await service.from('approval_requests')
  .select('status, approval_count, current_level, waiting_for').eq('id', id).single()).data!
async function explain(client: Client, id: string) {
  const { data, error } = await client.rpc('approval_request_explain', { _request_id: id })
  if (error) throw new Error(error.message)
  return data as {
    status: string; current_level: number; levels: number; waiting_for: string | null
    policy: { version: number } | null
    rules: Array<{ name: string; level: number; required: number; counted: number; missing: number; state: string; summary: string; includes_me: boolean }>
    votes: Array<{ name: string; vote: string; comment: string | null; ticket_id: string | null; created_at: string; rule_name: string | null }>
    me: { can_vote: boolean; can_approve: boolean; can_reject: boolean; code: string | null; reason: string | null; needs_ticket: boolean; needs_impact: boolean }
  }
}

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  ;[admin, lead, operator, sre, viewer] = await Promise.all(['admin', 'lead', 'operator', 'sre', 'viewer'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
  const members = await createMembers(stack, 'security', 3, DEMO.acme, 'operator')
  security = await Promise.all(members.map(async (m) => ({ ...m, client: await signIn(stack, m.email) })))
  const { data: team } = await service.from('teams').insert({ organization_id: DEMO.acme, name: 'Security' }).select('id').single()
  securityTeam = team!.id
  await service.from('team_members').insert(security.map((m) => ({ team_id: securityTeam, organization_id: DEMO.acme, user_id: m.id })))
}, 180_000)
afterAll(async () => { await stack?.stop() })

describe('approval policy versions', () => {
  it('are saved by admins only, each change a new version with who, when and why; requests keep the version they were created under', async () => {
    const env = await freshEnv()
    const refused = await savePolicy(env, { rules: [{ required: 1, role: 'admin' }] }, 'operators may not', operator)
    expect(refused.error?.message).toMatch(/Only organization admins/)
    expect((await savePolicy(env, { rules: [{ required: 1, role: 'admin' }] }, '  ')).error?.message).toMatch(/Say why/)
    expect((await savePolicy(env, { rules: [{ level: 2, required: 1, role: 'admin' }] })).error?.message).toMatch(/without gaps/)
    expect((await savePolicy(env, { rules: [{ required: 3, user_ids: [DEMO.users.lead] }] })).error?.message).toMatch(/asks for 3 approvals from 1 people/)

    const v1 = await policyOn(env, { rules: [{ required: 1, role: 'admin', name: 'Admins' }] })
    const before = await gate(env)
    expect(before.policy_version_id).toBe(v1.id)
    const v2 = await policyOn(env, { rules: [{ required: 2, role: 'admin' }] })
    expect([v1.version, v2.version]).toEqual([1, 2])
    const after = await gate(env)
    expect(after.policy_version_id).toBe(v2.id)
    expect(after.required_approvals).toBe(2)

    const { data: versions } = await viewer.from('approval_policy_versions').select('version, created_by, change_reason, created_at').eq('environment_id', env).order('version')
    expect(versions).toMatchObject([{ version: 1, created_by: DEMO.users.admin, change_reason: 'test policy' }, { version: 2 }])
    expect((await viewer.from('approval_policy_rules').select('name, required').eq('policy_version_id', v2.id)).data).toEqual([{ name: 'Admins', required: 2 }])

    // The request made under v1 still needs one admin, even though v2 asks for two.
    expect((await vote(admin, before.id)).error).toBeNull()
    expect((await state(before.id)).status).toBe('approved')
    expect((await vote(admin, after.id)).error).toBeNull()
    expect((await state(after.id)).status).toBe('pending')

    // Nobody writes the tables directly, not even admins: only through save_approval_policy.
    const direct = await admin.from('approval_policy_versions').insert({ environment_id: env, project_id: DEMO.project, organization_id: DEMO.acme, version: 9, change_reason: 'x' })
    expect(direct.error?.code).toBe('42501')
  })

  it('without a policy, or after a version that removes it, requests need required_approvals from allowed roles as before', async () => {
    const env = await freshEnv(2)
    expect((await gate(env)).policy_version_id).toBeNull()
    await policyOn(env, { rules: [{ required: 1, team_id: securityTeam }] })
    await policyOn(env, { active: false, rules: [] })
    const request = await gate(env)
    expect(request).toMatchObject({ policy_version_id: null, required_approvals: 2 })
    expect((await vote(viewer, request.id)).error?.message).toMatch(/role viewer may not vote/)
    expect((await vote(admin, request.id)).error).toBeNull()
    expect((await vote(sre, request.id)).error).toBeNull()
    expect((await state(request.id)).status).toBe('approved')
  })
})

describe('rules', () => {
  it('combine: 1 of Security AND 2 admins, each person counting once', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ name: 'Security', required: 1, team_id: securityTeam }, { name: 'Admins', required: 2, role: 'admin' }] })
    const request = await gate(env)
    expect(request.required_approvals).toBe(3)
    expect(request.waiting_for).toBe('Level 1 of 1: Security (1 more), Admins (2 more)')

    expect((await vote(admin, request.id, 'approve', { comment: 'looks fine' })).error).toBeNull()
    expect((await vote(lead, request.id)).error).toBeNull()
    expect(await state(request.id)).toMatchObject({ status: 'pending', approval_count: 2, waiting_for: 'Level 1 of 1: Security (1 more)' })
    const halfway = await explain(viewer, request.id)
    expect(halfway.rules.map((r) => r.summary)).toEqual(['0 of 1 — needs Security (1 more)', '2 of 2 — met'])
    expect(halfway.votes).toMatchObject([{ vote: 'approve', comment: 'looks fine', rule_name: 'Admins' }, { vote: 'approve', rule_name: 'Admins' }])
    expect(halfway.me).toMatchObject({ can_approve: false, code: 'not_in_group' })

    // An operator outside Security is in no group; a Security member completes it.
    expect((await vote(sre, request.id)).error?.message).toMatch(/not in any group this approval policy counts/)
    expect((await vote(security[0].client, request.id)).error).toBeNull()
    expect(await state(request.id)).toMatchObject({ status: 'approved', approval_count: 3, waiting_for: null })
  })

  it('levels pass in order: a level-2 vote is refused until level 1 has passed', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ level: 1, name: 'Security', required: 1, team_id: securityTeam }, { level: 2, name: 'Admins', required: 1, role: 'admin' }] })
    const request = await gate(env)
    expect((await explain(admin, request.id)).me).toMatchObject({ can_approve: false, code: 'level_not_reached' })
    expect((await vote(admin, request.id)).error?.message).toMatch(/votes at level 2, which opens once level 1 has passed/)
    expect((await vote(security[1].client, request.id)).error).toBeNull()
    expect(await state(request.id)).toMatchObject({ status: 'pending', current_level: 2, waiting_for: 'Level 2 of 2: Admins (1 more)' })
    // Level 1's group has had its say.
    expect((await vote(security[2].client, request.id)).error?.message).toMatch(/earlier level/)
    expect((await explain(admin, request.id)).me).toMatchObject({ can_approve: true, code: null })
    expect((await vote(admin, request.id)).error).toBeNull()
    expect((await state(request.id)).status).toBe('approved')
  })

  it('a reject from anyone the policy counts rejects at once, at any level', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ level: 1, required: 1, team_id: securityTeam }, { level: 2, required: 1, role: 'admin' }] })
    const request = await gate(env)
    expect((await vote(sre, request.id, 'reject', { comment: 'no' })).error?.message).toMatch(/not in any group/)
    expect((await vote(lead, request.id, 'reject', { comment: 'not today' })).error).toBeNull()
    expect((await state(request.id)).status).toBe('rejected')
  })

  it('an approval counts toward one rule only, assigned so overlapping groups never deadlock (GitLab\'s bug)', async () => {
    const env = await freshEnv()
    const [x, y] = security
    // A: 1 of {x, y}; B: 1 of {x}. Greedy would give x's vote to A, then y could only go to A: stuck.
    await policyOn(env, { rules: [{ name: 'A', required: 1, user_ids: [x.id, y.id] }, { name: 'B', required: 1, user_ids: [x.id] }] })
    const request = await gate(env)
    expect((await vote(x.client, request.id)).error).toBeNull()
    expect((await state(request.id)).status).toBe('pending')
    expect((await vote(y.client, request.id)).error).toBeNull()
    expect(await state(request.id)).toMatchObject({ status: 'approved', approval_count: 2 })
    const votes = await sql(stack, `select v.user_id, r.name from public.approval_votes v join public.approval_policy_rules r on r.id = v.rule_id
      where v.approval_request_id = $1 order by r.name`, [request.id])
    expect(votes).toEqual([{ user_id: y.id, name: 'A' }, { user_id: x.id, name: 'B' }])
  })

  it('a role group means that role or a stronger one', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ required: 2, role: 'operator' }] })
    const request = await gate(env)
    expect((await vote(viewer, request.id)).error?.message).toMatch(/not in any group/)
    expect((await vote(sre, request.id)).error).toBeNull()
    expect((await vote(admin, request.id)).error).toBeNull()
    expect((await state(request.id)).status).toBe('approved')
  })
})

describe('separation of duties', () => {
  it('bars the run\'s starter from approving, unless the policy switches it off', async () => {
    const strict = await freshEnv()
    await policyOn(strict, { rules: [{ required: 1, role: 'operator' }] })
    const request = await gate(strict)
    expect((await explain(operator, request.id)).me).toMatchObject({ can_approve: false, can_reject: true, code: 'starter' })
    expect((await vote(operator, request.id)).error?.message).toMatch(/starter cannot approve/)

    const lenient = await freshEnv()
    await policyOn(lenient, { forbid_starter: false, rules: [{ required: 1, role: 'operator' }] })
    const own = await gate(lenient)
    expect((await vote(operator, own.id)).error).toBeNull()
    expect((await state(own.id)).status).toBe('approved')
  })

  it('bars the author of the commit being deployed, unless the policy switches it off', async () => {
    const strict = await freshEnv()
    await policyOn(strict, { rules: [{ required: 1, role: 'admin' }] })
    const request = await gate(strict, 'Lead@Opzenix.dev')
    expect((await explain(lead, request.id)).me).toMatchObject({ can_approve: false, code: 'commit_author' })
    expect((await vote(lead, request.id)).error?.message).toMatch(/wrote the commit being deployed/)
    expect((await vote(admin, request.id)).error).toBeNull()

    const lenient = await freshEnv()
    await policyOn(lenient, { forbid_commit_author: false, rules: [{ required: 1, role: 'admin' }] })
    const own = await gate(lenient, 'lead@opzenix.dev')
    expect((await vote(lead, own.id)).error).toBeNull()
  })

  it('keeps per-environment approve denials: a denied member cannot vote even when a rule counts them', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ required: 1, role: 'admin' }] })
    await service.from('environment_permissions').insert({ environment_id: env, user_id: DEMO.users.lead, action: 'approve', effect: 'deny', reason: 'on leave' })
    const request = await gate(env)
    expect((await explain(lead, request.id)).me).toMatchObject({ can_approve: false, code: 'denied' })
    expect((await vote(lead, request.id)).error?.message).toMatch(/denied it to you \(on leave\)/)
  })
})

describe('expiry, tickets and impact notes', () => {
  it('a request expires after the policy\'s time; votes are then refused and the card says so', async () => {
    const env = await freshEnv()
    await policyOn(env, { expires_after_minutes: 60, rules: [{ required: 1, role: 'admin' }] })
    const request = await gate(env)
    const expiresIn = Date.parse(request.expires_at!) - Date.now()
    expect(expiresIn).toBeGreaterThan(55 * 60_000)
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000)
    await sql(stack, `update public.approval_requests set expires_at = now() - interval '1 second' where id = $1`, [request.id])
    expect((await explain(admin, request.id)).me).toMatchObject({ can_vote: false, code: 'expired' })
    expect((await vote(admin, request.id)).error?.message).toMatch(/expired/)
  })

  it('asks for a change ticket id and impact notes with an approval when the policy requires them', async () => {
    const env = await freshEnv()
    await policyOn(env, { require_ticket: true, require_impact: true, rules: [{ required: 1, role: 'admin' }] })
    const request = await gate(env)
    expect((await explain(admin, request.id)).me).toMatchObject({ can_approve: true, needs_ticket: true, needs_impact: true })
    expect((await vote(admin, request.id)).error?.message).toMatch(/change ticket id/)
    expect((await vote(admin, request.id, 'approve', { ticket_id: 'CHG-42' })).error?.message).toMatch(/impact notes/)
    expect((await vote(admin, request.id, 'approve', { ticket_id: ' CHG-42 ', impact_notes: 'Refunds API restarts, 30 s' })).error).toBeNull()
    const { votes, status } = await explain(viewer, request.id)
    expect(status).toBe('approved')
    expect(votes).toMatchObject([{ ticket_id: 'CHG-42', vote: 'approve' }])
  })
})

describe('explaining a request', () => {
  it('tells the caller they already voted, and refuses people outside the project', async () => {
    const env = await freshEnv()
    await policyOn(env, { rules: [{ required: 2, role: 'admin' }] })
    const request = await gate(env)
    await vote(admin, request.id, 'approve', { comment: 'first' })
    expect((await explain(admin, request.id)).me).toMatchObject({ can_vote: false, code: 'already_voted' })
    const mine = await explain(lead, request.id)
    expect(mine.me).toMatchObject({ can_vote: true, code: null })
    expect(mine.rules).toMatchObject([{ required: 2, counted: 1, missing: 1, state: 'open', includes_me: true }])
    expect(mine.policy?.version).toBe(1)
    const globex = await signIn(stack, 'globex@opzenix.dev')
    expect((await globex.rpc('approval_request_explain', { _request_id: request.id })).error?.message).toMatch(/no such approval request/)
  })

  it('explains a request without a policy as one rule of allowed roles', async () => {
    const env = await freshEnv(1)
    const request = await gate(env)
    const answer = await explain(operator, request.id)
    expect(answer.policy).toBeNull()
    expect(answer.rules).toMatchObject([{ required: 1, counted: 0, summary: '0 of 1 — needs 1 more from admin or operator' }])
    expect(answer.me).toMatchObject({ can_approve: false, code: 'starter' })
    expect((await explain(viewer, request.id)).me).toMatchObject({ can_vote: false, code: 'not_in_group' })
  })
})

describe('concurrent votes', () => {
  it('50 voters at once on a two-rule policy: exactly one transition to approved', async () => {
    const env = await freshEnv()
    const voters = await createMembers(stack, 'crowd', 50, DEMO.acme, 'operator')
    const team = (await service.from('teams').insert({ organization_id: DEMO.acme, name: 'Crowd leads' }).select('id').single()).data!.id
    await service.from('team_members').insert(voters.slice(0, 10).map((v) => ({ team_id: team, organization_id: DEMO.acme, user_id: v.id })))
    await policyOn(env, { rules: [{ name: 'Leads', required: 2, team_id: team }, { name: 'Operators', required: 3, role: 'operator' }] })
    const clients = await Promise.all(voters.map((v) => signIn(stack, v.email)))
    const request = await gate(env)

    const results = await Promise.all(clients.map((c) => vote(c, request.id)))
    const accepted = results.filter((r) => !r.error)
    expect(accepted.length).toBeGreaterThanOrEqual(5)
    for (const refused of results.filter((r) => r.error)) expect(refused.error!.message).toMatch(/already approved/)

    expect(await state(request.id)).toMatchObject({ status: 'approved', approval_count: 5 })
    const counted = await sql(stack, `select r.name, count(*)::int as n from public.approval_votes v join public.approval_policy_rules r on r.id = v.rule_id
      where v.approval_request_id = $1 group by r.name order by r.name`, [request.id])
    expect(counted).toEqual([{ name: 'Leads', n: 2 }, { name: 'Operators', n: 3 }])
    const flips = await sql(stack,
      `select count(*)::int as n from public.audit_logs
       where resource_type = 'approval_requests' and resource_id = $1
         and before ->> 'status' = 'pending' and after ->> 'status' = 'approved'`, [request.id])
    expect(flips[0].n).toBe(1)
  }, 180_000)
})
