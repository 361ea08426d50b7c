// The environment board, version history, rollback and locks as the pages call them: the app's own API
// functions through real supabase-js against a fresh stack with the demo seed (Deno runs rollback-deployment).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, sql, startProjectStack } from '../../../../test/data-model/demo.ts'
import type { TestStack } from '../../../../test/helpers/stack.ts'
import { liveSpan } from '../lib/version-history.ts'

let stack: TestStack
let api: typeof import('./get-environment-board.ts') & typeof import('./get-version-history.ts') & typeof import('./roll-back.ts') & typeof import('./set-lock.ts')
  & typeof import('./get-environment-actions.ts') & typeof import('./get-environment-grants.ts') & typeof import('./get-grant-subjects.ts') & typeof import('./save-grant.ts')
let supabase: typeof import('../../../lib/supabase.ts')['supabase']

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}
const env = async (key: string) => (await api.getEnvironmentBoard(DEMO.project)).environments.find((e) => e.key === key)!

beforeAll(async () => {
  stack = await startProjectStack()
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  // The app's client is built for browsers; Node 20 has no global WebSocket for its (unused here) Realtime client.
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  api = {
    ...(await import('./get-environment-board.ts')), ...(await import('./get-version-history.ts')), ...(await import('./roll-back.ts')), ...(await import('./set-lock.ts')),
    ...(await import('./get-environment-actions.ts')), ...(await import('./get-environment-grants.ts')), ...(await import('./get-grant-subjects.ts')), ...(await import('./save-grant.ts')),
  }
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await stack?.stop()
})

describe('environment board and history', () => {
  it('lays the chain out in promotion order with versions, locks and approvals', async () => {
    await as('viewer')
    const board = await api.getEnvironmentBoard(DEMO.project)
    expect(board.environments.map((e) => [e.key, e.required_approvals])).toEqual([['dev', 0], ['uat', 1], ['staging', 1], ['preprod', 2], ['prod', 3]])
    const prod = board.environments.at(-1)!
    expect(prod.current?.version_tag).toMatch(/^1\.\d+\.0$/)
    expect(prod.lock).toMatchObject({ is_locked: true, lock_reason: 'Production changes need an admin' })
    expect(prod.lastDeploy?.deployedByName).toBeTruthy()
    expect(board.freezeWindows.map((w) => w.reason)).toEqual(['Quarter-end settlement freeze'])
  })

  it('leaves an archived environment off the board and out of the builder\'s and branch mappings\' choices', async () => {
    await sql(stack, `insert into public.environments (project_id, key, display_name, tier, position, archived_at)
      values ($1, 'legacy', 'Legacy', 'testing', 90, now())`, [DEMO.project])
    await as('admin')
    const { listEnvironmentRules } = await import('../../pipelines/api/list-environment-rules.ts')
    const { getMappingOptions } = await import('../../settings/api/mapping-options.ts')
    expect((await api.getEnvironmentBoard(DEMO.project)).environments.map((e) => e.key)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    expect((await listEnvironmentRules(DEMO.project)).map((e) => e.key)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    expect((await getMappingOptions(DEMO.project)).environments.map((e) => e.key)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    await sql(stack, `delete from public.environments where project_id = $1 and key = 'legacy'`, [DEMO.project])
  })

  it('lists prod history newest first, one current row that is live now, earlier rows closed', async () => {
    await as('viewer')
    const { rows, total } = await api.getVersionHistory(DEMO.env.prod, 0)
    expect(total).toBeGreaterThan(2)
    expect(rows.filter((r) => r.is_current).map((r) => r.id)).toEqual([rows[0]!.id])
    expect(liveSpan(rows[0]!).liveNow).toBe(true)
    expect(rows.slice(1).every((r) => r.live_until !== null && !liveSpan(r).liveNow)).toBe(true)
    expect(rows.some((r) => r.rollback_of_id && r.reason)).toBe(true)
  })
})

describe('rollback', () => {
  it('refuses a viewer and changes nothing', async () => {
    await as('viewer')
    const before = (await env('staging')).current!.version_tag
    const earlier = (await api.getVersionHistory(DEMO.env.staging, 0)).rows.find((r) => r.version_tag !== before)!
    await expect(api.rollBack(DEMO.env.staging, earlier.id, { reason: 'viewer tries' })).rejects.toMatchObject({ status: 403 })
    expect((await env('staging')).current!.version_tag).toBe(before)
  })

  it('rejects a reason shorter than five characters before calling the function', async () => {
    await as('admin')
    expect(() => api.rollBack(DEMO.env.prod, DEMO.env.prod, { reason: 'no' })).toThrow(/at least 5 characters/)
  })

  it('lets an admin roll prod back through its lock once a second admin approved breaking glass, recorded as a rollback with its reason', async () => {
    await as('admin')
    const before = (await env('prod')).current!.version_tag
    const target = (await api.getVersionHistory(DEMO.env.prod, 0)).rows.find((r) => r.version_tag !== before)!
    await expect(api.rollBack(DEMO.env.prod, target.id, { reason: 'Latency regression in ' + before })).rejects.toMatchObject({ status: 409, code: 'environment_locked' })
    const { data: request, error } = await supabase.from('break_glass_requests')
      .insert({ organization_id: DEMO.acme, project_id: DEMO.project, environment_id: DEMO.env.prod, requested_by: DEMO.users.admin, reason_category: 'incident', reason: 'Latency regression' }).select('id').single()
    expect(error).toBeNull()
    await as('lead')
    expect((await supabase.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error).toBeNull()
    await as('admin')
    const result = await api.rollBack(DEMO.env.prod, target.id, { reason: 'Latency regression in ' + before })
    expect(result.version.version_tag).toBe(target.version_tag)
    expect((await env('prod')).current!.version_tag).toBe(target.version_tag)
    const [top, previous] = (await api.getVersionHistory(DEMO.env.prod, 0)).rows
    expect(top).toMatchObject({ is_current: true, version_tag: target.version_tag, reason: 'Latency regression in ' + before, break_glass: true })
    expect(top!.rollback_of_id).not.toBeNull()
    expect(previous).toMatchObject({ version_tag: before, is_current: false })
    expect(previous!.deployment?.status).toBe('rolled_back')
  })

  it('refuses an operator rolling back a locked environment, with the lock in the message', async () => {
    await as('operator')
    const current = (await env('prod')).current!.version_tag
    const target = (await api.getVersionHistory(DEMO.env.prod, 0)).rows.find((r) => r.version_tag !== current)!
    await expect(api.rollBack(DEMO.env.prod, target.id, { reason: 'operator tries' })).rejects.toMatchObject({ status: 409, code: 'environment_locked' })
  })
})

describe('locks', () => {
  const target = async () => {
    const dev = await env('dev')
    return { projectId: DEMO.project, environmentId: dev.id, lockId: dev.lock?.id ?? null, userId: DEMO.users.admin }
  }

  it('lets an admin lock and unlock with a reason', async () => {
    await as('admin')
    await api.setLock(await target(), true, { reason: 'Incident 42' })
    expect((await env('dev')).lock).toMatchObject({ is_locked: true, lock_reason: 'Incident 42' })
    await api.setLock(await target(), false, { reason: 'Incident 42 resolved' })
    expect((await env('dev')).lock?.is_locked).toBe(false)
  })

  it('says, in the database\'s sentence, why an operator cannot lock, and the environment stays open', async () => {
    await as('operator')
    await expect(api.setLock({ ...(await target()), userId: DEMO.users.operator }, true, { reason: 'operator tries' }))
      .rejects.toThrow("You don't have lock on dev: it needs the admin role (you are operator) or an admin's grant")
    expect((await env('dev')).lock?.is_locked).toBe(false)
  })
})

describe('permissions per environment', () => {
  const uat = { environmentId: DEMO.env.uat, projectId: DEMO.project, organizationId: DEMO.acme }
  const decision = async (action: string) => (await api.getEnvironmentActions(DEMO.env.uat)).find((d) => d.action === action)

  it('gives each role its defaults, every action in order with a sentence', async () => {
    await as('viewer')
    const actions = await api.getEnvironmentActions(DEMO.env.uat)
    expect(actions.map((a) => [a.action, a.allowed])).toEqual([
      ['view', true], ['run', false], ['approve', false], ['deploy', false], ['rollback', false], ['lock', false], ['break_glass', false],
    ])
    expect(actions.find((a) => a.action === 'rollback')).toMatchObject({ source: 'role', reason: "You don't have rollback on uat: it needs the operator role (you are viewer) or an admin's grant" })
  })

  it('lets an admin deny, flip and remove a grant, naming who and who set it; the operator\'s decision follows', async () => {
    await as('admin')
    const { members } = await api.getGrantSubjects(DEMO.acme)
    expect(members.find((m) => m.id === DEMO.users.operator)).toMatchObject({ name: 'Otto Operator', role: 'operator' })
    await api.addGrant(uat, { subject: `user:${DEMO.users.operator}`, action: 'deploy', effect: 'deny', reason: '  Deploys to uat go through the release train ' })
    const [grant] = await api.getEnvironmentGrants(DEMO.env.uat)
    expect(grant).toMatchObject({ action: 'deploy', effect: 'deny', reason: 'Deploys to uat go through the release train', subject: { kind: 'member', name: 'Otto Operator' }, setByName: 'Ada Admin' })
    await expect(api.addGrant(uat, { subject: `user:${DEMO.users.operator}`, action: 'deploy', effect: 'allow', reason: '' }))
      .rejects.toThrow('That member or team already has a grant for this action here: change its effect instead.')

    await as('operator')
    expect(await decision('deploy')).toMatchObject({ allowed: false, source: 'user_deny', reason: "You don't have deploy on uat: an admin denied it to you (Deploys to uat go through the release train)" })
    await expect(api.setGrantEffect(grant!.id, 'allow')).rejects.toThrow('Only organization admins can change environment permissions.')
    await expect(api.removeGrant(grant!.id)).rejects.toThrow('Only organization admins can change environment permissions.')
    await expect(api.addGrant(uat, { subject: `user:${DEMO.users.operator}`, action: 'lock', effect: 'allow', reason: '' }))
      .rejects.toThrow('Only organization admins can change environment permissions.')

    await as('admin')
    await api.setGrantEffect(grant!.id, 'allow')
    await as('operator')
    expect(await decision('deploy')).toMatchObject({ allowed: true, source: 'user_allow' })
    await as('admin')
    await api.removeGrant(grant!.id)
    expect(await api.getEnvironmentGrants(DEMO.env.uat)).toEqual([])
    await as('operator')
    expect(await decision('deploy')).toMatchObject({ allowed: true, source: 'role' })
  })
})
