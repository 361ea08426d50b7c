import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

let stack: TestStack
let service: Client
let operator: Client
let admin: Client
let lead: Client
let versions = 0

const deploy = (client: Client, userId: string, environmentId: string, fields: Record<string, unknown> = {}) =>
  client.from('deployments')
    .insert({ project_id: DEMO.project, environment_id: environmentId, version: `9.${++versions}.0`, deployed_by: userId, ...fields })
    .select('id, break_glass, strategy').single()

async function environment(key: string, requiredApprovals = 0) {
  const { data, error } = await service.from('environments').insert({
    project_id: DEMO.project, key, display_name: key, tier: 'testing', position: 100 + ++versions, required_approvals: requiredApprovals,
  }).select('id').single()
  if (error) throw new Error(error.message)
  return data!.id as string
}

const breakGlassRows = (resourceType: string, resourceId: string) => sql(stack,
  `select user_id, details from public.audit_logs where action = 'deployment.break_glass' and resource_type = $1 and resource_id = $2`,
  [resourceType, resourceId])

/** The admin asks to break glass in the environment and lead@ (the second admin) approves. */
async function approvedBreakGlass(environmentId: string) {
  const { data, error } = await admin.from('break_glass_requests')
    .insert({ environment_id: environmentId, requested_by: DEMO.users.admin, reason_category: 'incident', reason: 'hotfix' }).select('id').single()
  if (error) throw new Error(error.message)
  const decided = await lead.rpc('decide_break_glass', { _request_id: data.id, _approve: true })
  if (decided.error) throw new Error(decided.error.message)
}

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  ;[operator, admin, lead] = await Promise.all([signIn(stack, 'operator@opzenix.dev'), signIn(stack, 'admin@opzenix.dev'), signIn(stack, 'lead@opzenix.dev')])
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('deployment guard', () => {
  it('lets operators deploy into an unlocked environment with no approvals needed', async () => {
    const { data, error } = await deploy(operator, DEMO.users.operator, DEMO.env.dev)
    expect(error).toBeNull()
    expect(data).toMatchObject({ break_glass: false, strategy: 'rolling' })
  })

  it('refuses a deploy into a locked environment unless the deployer holds the lock\'s role and an approved break-glass, and audits it', async () => {
    const envId = await environment('qa-locked')
    const { data: lock } = await admin.from('environment_locks').insert({
      project_id: DEMO.project, environment_id: envId, is_locked: true, required_role: 'admin', lock_reason: 'incident 4711',
    }).select('id').single()

    const refused = await deploy(operator, DEMO.users.operator, envId)
    expect(refused.error?.message).toMatch(/is locked: incident 4711/)
    expect((await sql(stack, 'select count(*)::int as n from public.deployments where environment_id = $1', [envId]))[0].n).toBe(0)

    // An admin breaks glass only with a request a second admin approved (test/governance has the details).
    expect((await deploy(admin, DEMO.users.admin, envId)).error?.hint).toMatch(/approved by a second admin/)
    await approvedBreakGlass(envId)
    const allowed = await deploy(admin, DEMO.users.admin, envId)
    expect(allowed.error).toBeNull()
    expect(allowed.data!.break_glass).toBe(true)
    const audit = await breakGlassRows('environment_locks', lock!.id)
    expect(audit).toHaveLength(1)
    expect(audit[0].user_id).toBe(DEMO.users.admin)

    // Unlocked again, operators deploy as usual.
    await admin.from('environment_locks').update({ is_locked: false }).eq('id', lock!.id)
    expect((await deploy(operator, DEMO.users.operator, envId)).error).toBeNull()
  })

  it('applies the lock to the service role acting for a user too (the engine cannot bypass it)', async () => {
    const envId = await environment('qa-engine')
    await service.from('environment_locks').insert({ project_id: DEMO.project, environment_id: envId, is_locked: true })
    expect((await deploy(service, DEMO.users.operator, envId)).error?.message).toMatch(/is locked/)
  })

  it('refuses a deploy during an active freeze window unless the deployer holds its role and an approved break-glass', async () => {
    const envId = await environment('qa-frozen')
    const { data: freeze } = await admin.from('freeze_windows').insert({
      project_id: DEMO.project, environment_id: envId, reason: 'Black Friday',
      starts_at: new Date(Date.now() - 60_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString(),
    }).select('id').single()

    expect((await deploy(operator, DEMO.users.operator, envId)).error?.message).toMatch(/is frozen until .*Black Friday/)
    expect((await deploy(admin, DEMO.users.admin, envId)).error?.message).toMatch(/is frozen until .*Black Friday/)
    await approvedBreakGlass(envId)
    const allowed = await deploy(admin, DEMO.users.admin, envId)
    expect(allowed.data?.break_glass).toBe(true)
    expect(await breakGlassRows('freeze_windows', freeze!.id)).toHaveLength(1)

    await admin.from('freeze_windows').delete().eq('id', freeze!.id)
    expect((await deploy(operator, DEMO.users.operator, envId)).error).toBeNull()
  })

  it('ignores freeze windows that have not started yet (the seeded quarter-end freeze on prod)', async () => {
    const envId = await environment('qa-later')
    await service.from('freeze_windows').insert({
      project_id: DEMO.project, environment_id: envId, reason: 'later',
      starts_at: new Date(Date.now() + 3_600_000).toISOString(), ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    })
    expect((await deploy(operator, DEMO.users.operator, envId)).error).toBeNull()
  })

  it('keeps the seeded preprod and prod locked to admins', async () => {
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.prod)).error?.message).toMatch(/environment prod is locked/)
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.preprod)).error?.message).toMatch(/environment preprod is locked/)
  })

  it('needs an approved request for an environment that requires approvals, except to roll back to a version it ran', async () => {
    const refused = await deploy(operator, DEMO.users.operator, DEMO.env.staging)
    expect(refused.error?.message).toMatch(/needs an approved request/)

    const { data: run } = await service.from('executions')
      .insert({ project_id: DEMO.project, name: 'promote', started_by: DEMO.users.operator }).select('id').single()
    const { data: gate } = await service.from('approval_requests')
      .insert({ execution_id: run!.id, node_id: 'approve-staging', environment_id: DEMO.env.staging }).select('id').single()
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.staging, { approval_request_id: gate!.id })).error?.message)
      .toMatch(/needs an approved request/)
    const lead = await signIn(stack, 'lead@opzenix.dev')
    await lead.from('approval_votes').insert({ approval_request_id: gate!.id, user_id: DEMO.users.lead, vote: 'approve' })
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.staging, { approval_request_id: gate!.id })).error).toBeNull()

    const { data: last } = await service.from('deployments').select('id').eq('environment_id', DEMO.env.uat)
      .order('created_at', { ascending: false }).limit(1).single()
    const { data: ran } = await service.from('deployment_versions').select('version_tag').eq('environment_id', DEMO.env.uat)
      .eq('is_current', false).limit(1).single()
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.uat, { rollback_of_id: last!.id, version: ran!.version_tag })).error).toBeNull()
    expect((await deploy(operator, DEMO.users.operator, DEMO.env.uat, { rollback_of_id: last!.id, version: '0.0.1-never' })).error?.message)
      .toMatch(/rollback must return uat to a version it ran before/)
  })

  it('does not let anyone rewrite what a deployment was', async () => {
    const { data } = await deploy(operator, DEMO.users.operator, DEMO.env.dev)
    const { error } = await operator.from('deployments').update({ environment_id: DEMO.env.prod, break_glass: true }).eq('id', data!.id)
    expect(error?.code).toBe('42501')
    expect((await operator.from('deployments').update({ status: 'success', reason: 'done' }).eq('id', data!.id)).error).toBeNull()
  })
})

describe('deployment versions', () => {
  it('keeps one current version per environment: setting one current retires the previous', async () => {
    const current = async () => (await service.from('deployment_versions').select('version_tag')
      .eq('environment_id', DEMO.env.dev).eq('is_current', true)).data!.map((v) => v.version_tag)
    const insert = async (tag: string) => (await operator.from('deployment_versions')
      .insert({ project_id: DEMO.project, environment_id: DEMO.env.dev, version_tag: tag, is_current: true }).select('id').single()).data!.id

    const first = await insert('5.0.0')
    expect(await current()).toEqual(['5.0.0'])
    await insert('5.1.0')
    expect(await current()).toEqual(['5.1.0'])
    expect((await operator.from('deployment_versions').update({ is_current: true }).eq('id', first)).error).toBeNull()
    expect(await current()).toEqual(['5.0.0'])
  })

  it('ships the seeded history: one current version for each of the five environments', async () => {
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const { data } = await viewer.from('deployment_versions').select('environment_id').eq('is_current', true)
      .in('environment_id', Object.values(DEMO.env))
    expect(new Set(data!.map((v) => v.environment_id))).toEqual(new Set(Object.values(DEMO.env)))
  })
})
