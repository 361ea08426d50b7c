import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { invoke } from '../functions/helpers.ts'
import { createMembers, DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

// Per-environment grants on top of the three roles (migrations …000300–…000320, docs/admin.md): with no grant
// the role decides; an admin's allow adds an action, a deny takes one away, a deny beats an allow, and every
// refusal carries the same sentence the environment page shows.
let stack: TestStack
let service: Client
const as = {} as Record<'admin' | 'operator' | 'viewer' | 'sre' | 'globex', Client>
let n = 0

const ALL = ['view', 'run', 'approve', 'deploy', 'rollback', 'lock', 'break_glass']

/** A fresh environment of the demo project that has run two versions (the second is current). */
async function environment(): Promise<{ id: string; key: string; earlier: string }> {
  const key = `perm-${++n}`
  const { data: env, error } = await service.from('environments')
    .insert({ project_id: DEMO.project, key, display_name: key, tier: 'testing', position: 500 + n }).select('id').single()
  if (error) throw new Error(error.message)
  const versions = []
  for (const tag of ['1.0.0', '1.1.0']) {
    const [d] = await sql(stack, `insert into public.deployments (project_id, environment_id, version, status, finished_at)
      values ($1, $2, $3, 'success', now()) returning id`, [DEMO.project, env!.id, tag])
    const [v] = await sql(stack, `insert into public.deployment_versions (project_id, environment_id, deployment_id, version_tag, is_current)
      values ($1, $2, $3, $4, true) returning id`, [DEMO.project, env!.id, d.id, tag])
    versions.push(v.id as string)
  }
  return { id: env!.id, key, earlier: versions[0] }
}

async function grant(environmentId: string, subject: { user_id: string } | { team_id: string }, action: string, effect: 'allow' | 'deny', reason?: string) {
  const { data, error } = await as.admin.from('environment_permissions')
    .insert({ environment_id: environmentId, ...subject, action, effect, reason }).select('id').single()
  if (error) throw new Error(`grant: ${error.message}`)
  return data!.id as string
}

async function actions(client: Client, environmentId: string) {
  const { data, error } = await client.rpc('environment_actions', { _environment_id: environmentId })
  if (error) throw new Error(error.message)
  return data as Array<{ action: string; allowed: boolean; source: string; reason: string }>
}
const allowedActions = async (client: Client, environmentId: string) =>
  (await actions(client, environmentId)).filter((a) => a.allowed).map((a) => a.action)

const currentTag = async (environmentId: string) =>
  (await sql(stack, 'select version_tag from public.deployment_versions where environment_id = $1 and is_current', [environmentId]))[0]?.version_tag

const deploy = (client: Client, userId: string, environmentId: string) => client.from('deployments')
  .insert({ project_id: DEMO.project, environment_id: environmentId, version: `9.${++n}.0`, deployed_by: userId }).select('id').single()

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  const names = ['admin', 'operator', 'viewer', 'sre', 'globex'] as const
  const clients = await Promise.all(names.map((name) => signIn(stack, `${name}@opzenix.dev`)))
  names.forEach((name, i) => { as[name] = clients[i] })
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('role defaults', () => {
  it('give viewers view, operators everything but lock and break-glass, admins all; other organizations nothing', async () => {
    const env = await environment()
    expect(await allowedActions(as.viewer, env.id)).toEqual(['view'])
    expect(await allowedActions(as.operator, env.id)).toEqual(['view', 'run', 'approve', 'deploy', 'rollback'])
    expect(await allowedActions(as.admin, env.id)).toEqual(ALL)
    expect(await actions(as.globex, env.id)).toEqual([])
    const lock = (await actions(as.operator, env.id)).find((a) => a.action === 'lock')!
    expect(lock).toMatchObject({ source: 'role', reason: `You don't have lock on ${env.key}: it needs the admin role (you are operator) or an admin's grant` })
  })
})

describe('admins', () => {
  it('read back an environment they just created (the view check must not hide a row still being inserted)', async () => {
    const { data, error } = await as.admin.from('environments')
      .insert({ project_id: DEMO.project, key: `fresh-${++n}`, display_name: 'Fresh', tier: 'testing', position: 900 + n }).select('key').single()
    expect(error).toBeNull()
    expect(data!.key).toBe(`fresh-${n}`)
  })
})

describe('who made a grant', () => {
  it('is the admin who inserted it, whatever the client sends, and stays so when another admin changes it', async () => {
    const env = await environment()
    const { data, error } = await as.admin.from('environment_permissions').insert({ environment_id: env.id,
      user_id: DEMO.users.operator, action: 'lock', effect: 'allow', created_by: DEMO.users.viewer }).select('id, created_by').single()
    expect(error).toBeNull()
    expect(data!.created_by).toBe(DEMO.users.admin)
    const lead = await signIn(stack, 'lead@opzenix.dev')
    const changed = await lead.from('environment_permissions').update({ effect: 'deny', created_by: DEMO.users.lead }).eq('id', data!.id)
      .select('effect, created_by').single()
    expect(changed.data).toEqual({ effect: 'deny', created_by: DEMO.users.admin })
  })
})

describe('grants', () => {
  it('are written by organization admins only and read by every member', async () => {
    const env = await environment()
    const refused = await as.operator.from('environment_permissions')
      .insert({ environment_id: env.id, user_id: DEMO.users.operator, action: 'lock', effect: 'allow' })
    expect(refused.error?.message).toMatch(/row-level security/)
    const id = await grant(env.id, { user_id: DEMO.users.viewer }, 'deploy', 'allow', 'release captain this week')
    const { data: seen } = await as.viewer.from('environment_permissions').select('id, organization_id, project_id').eq('id', id)
    // The trigger fills in the environment's project and organization whatever the client sends.
    expect(seen).toEqual([{ id, organization_id: DEMO.acme, project_id: DEMO.project }])
    expect((await as.globex.from('environment_permissions').select('id').eq('id', id)).data).toEqual([])
    const audit = await sql(stack, `select user_id from public.audit_logs where resource_type = 'environment_permissions' and resource_id = $1`, [id])
    expect(audit.map((a) => a.user_id)).toEqual([DEMO.users.admin])
  })

  it('refuse an operator\'s rollback with the admin\'s reason, through the SQL function and the edge function, changing nothing', async () => {
    const env = await environment()
    await grant(env.id, { user_id: DEMO.users.operator }, 'rollback', 'deny', 'rollbacks go through the release desk')
    const sentence = `You don't have rollback on ${env.key}: an admin denied it to you (rollbacks go through the release desk)`
    const rollback = (await actions(as.operator, env.id)).find((a) => a.action === 'rollback')
    expect(rollback).toMatchObject({ allowed: false, source: 'user_deny', reason: sentence })

    const direct = await as.operator.rpc('rollback_deployment', { _environment_id: env.id, _version_id: env.earlier, _reason: 'bad release' })
    expect(direct.error?.message).toBe(sentence)
    const viaFunction = await invoke(as.operator, 'rollback-deployment', { environment_id: env.id, version_id: env.earlier, reason: 'bad release' })
    expect(viaFunction.status).toBe(403)
    expect(viaFunction.body.error.message).toBe(sentence)
    // Nor can the operator write the rollback rows by hand.
    const byHand = await as.operator.from('deployments').insert({
      project_id: DEMO.project, environment_id: env.id, version: '1.0.0', deployed_by: DEMO.users.operator,
      rollback_of_id: (await sql(stack, 'select deployment_id from public.deployment_versions where environment_id = $1 and is_current', [env.id]))[0].deployment_id,
    })
    expect(byHand.error).not.toBeNull()
    expect(await currentTag(env.id)).toBe('1.1.0')

    // Deploying is another right: still theirs. And the admin can still roll back.
    expect((await deploy(as.operator, DEMO.users.operator, env.id)).error).toBeNull()
    const { error } = await as.admin.rpc('rollback_deployment', { _environment_id: env.id, _version_id: env.earlier, _reason: 'desk approved' })
    expect(error).toBeNull()
    expect(await currentTag(env.id)).toBe('1.0.0')
  })

  it('give a viewer an action their role lacks, and take it back when the grant is removed', async () => {
    const env = await environment()
    expect((await deploy(as.viewer, DEMO.users.viewer, env.id)).error?.message).toMatch(/You don't have deploy on .*: it needs the operator role \(you are viewer\)/)
    const id = await grant(env.id, { user_id: DEMO.users.viewer }, 'deploy', 'allow')
    expect((await deploy(as.viewer, DEMO.users.viewer, env.id)).error).toBeNull()
    await as.admin.from('environment_permissions').delete().eq('id', id)
    expect((await deploy(as.viewer, DEMO.users.viewer, env.id)).error).not.toBeNull()
  })

  it('let a viewer granted rollback roll back through the edge function', async () => {
    const env = await environment()
    const body = { environment_id: env.id, version_id: env.earlier, reason: 'on call this week' }
    expect((await invoke(as.viewer, 'rollback-deployment', body)).status).toBe(403)
    await grant(env.id, { user_id: DEMO.users.viewer }, 'rollback', 'allow', 'on call')
    const reply = await invoke(as.viewer, 'rollback-deployment', body)
    expect(reply.status).toBe(201)
    expect(await currentTag(env.id)).toBe('1.0.0')
  })

  it('apply to every member of a team, and a team\'s deny beats a personal allow', async () => {
    const env = await environment()
    const { data: team } = await as.admin.from('teams').insert({ organization_id: DEMO.acme, name: `contractors-${n}` }).select('id, name').single()
    await as.admin.from('team_members').insert({ team_id: team!.id, organization_id: DEMO.acme, user_id: DEMO.users.operator })
    await grant(env.id, { team_id: team!.id }, 'deploy', 'deny')
    await grant(env.id, { user_id: DEMO.users.operator }, 'deploy', 'allow')
    const refused = await deploy(as.operator, DEMO.users.operator, env.id)
    expect(refused.error?.message).toBe(`You don't have deploy on ${env.key}: an admin denied it to your team ${team!.name}`)
    // Leaving the team lifts the team's deny; the personal allow remains.
    await as.admin.from('team_members').delete().eq('team_id', team!.id).eq('user_id', DEMO.users.operator)
    expect((await actions(as.operator, env.id)).find((a) => a.action === 'deploy')).toMatchObject({ allowed: true, source: 'user_allow' })
  })

  it('hide an environment and its deployments from a member denied view', async () => {
    const env = await environment()
    expect((await as.operator.from('environments').select('id').eq('id', env.id)).data).toHaveLength(1)
    await grant(env.id, { user_id: DEMO.users.operator }, 'view', 'deny')
    expect((await as.operator.from('environments').select('id').eq('id', env.id)).data).toEqual([])
    expect((await as.operator.from('deployments').select('id').eq('environment_id', env.id)).data).toEqual([])
    expect((await as.viewer.from('deployments').select('id').eq('environment_id', env.id)).data).toHaveLength(2)
  })

  it('refuse a run that targets an environment the starter may not run in', async () => {
    const env = await environment()
    await grant(env.id, { user_id: DEMO.users.operator }, 'run', 'deny', 'frozen for the audit')
    const start = (environmentId: string | null, graph: unknown = {}) => as.operator.from('executions')
      .insert({ project_id: DEMO.project, name: 'perm run', started_by: DEMO.users.operator, environment_id: environmentId, graph }).select('id')
    expect((await start(env.id)).error?.message).toBe(`You don't have run on ${env.key}: an admin denied it to you (frozen for the audit)`)
    // A graph whose deploy step targets it is refused the same way; a run elsewhere is not.
    const graph = { nodes: [{ id: 'd', type: 'deploy', data: { config: { environment: env.key } } }], edges: [] }
    expect((await start(DEMO.env.dev, graph)).error?.message).toMatch(/You don't have run on/)
    expect((await start(DEMO.env.dev)).error).toBeNull()
  })

  it('decide votes: a deny refuses an operator, an allow lets a viewer approve', async () => {
    const env = await environment()
    const { data: run } = await as.operator.from('executions')
      .insert({ project_id: DEMO.project, name: 'gated', started_by: DEMO.users.operator }).select('id').single()
    const { data: request } = await service.from('approval_requests')
      .insert({ execution_id: run!.id, node_id: 'gate', environment_id: env.id, required_approvals: 2 }).select('id').single()
    const vote = (client: Client, userId: string) => client.from('approval_votes').insert({ approval_request_id: request!.id, user_id: userId, vote: 'approve' })

    await grant(env.id, { user_id: DEMO.users.sre }, 'approve', 'deny')
    expect((await vote(as.sre, DEMO.users.sre)).error?.message).toMatch(/You don't have approve on .*: an admin denied it to you/)
    expect((await vote(as.viewer, DEMO.users.viewer)).error?.message).toMatch(/role viewer may not vote/)
    await grant(env.id, { user_id: DEMO.users.viewer }, 'approve', 'allow')
    expect((await vote(as.viewer, DEMO.users.viewer)).error).toBeNull()
    const [{ approval_count }] = await sql(stack, 'select approval_count from public.approval_requests where id = $1', [request!.id])
    expect(approval_count).toBe(1)
  })

  it('let a member granted lock lock the environment, but only admins choose who may still deploy through it', async () => {
    const env = await environment()
    const lock = () => as.operator.from('environment_locks')
      .insert({ project_id: DEMO.project, environment_id: env.id, is_locked: true, lock_reason: 'incident' }).select('id').single()
    expect((await lock()).error).not.toBeNull()
    await grant(env.id, { user_id: DEMO.users.operator }, 'lock', 'allow')
    const { data, error } = await lock()
    expect(error).toBeNull()
    const widen = await as.operator.from('environment_locks').update({ required_role: 'operator' }).eq('id', data!.id)
    expect(widen.error?.message).toBe('only an admin chooses who may still deploy through a lock')
    // The operator cannot deploy through their own lock: break-glass is not theirs.
    expect((await deploy(as.operator, DEMO.users.operator, env.id)).error?.message).toMatch(/is locked: incident/)
  })

  it('take break-glass from an admin: the lock holds for them too', async () => {
    const env = await environment()
    await as.admin.from('environment_locks').insert({ project_id: DEMO.project, environment_id: env.id, is_locked: true, lock_reason: 'quarter close' })
    await grant(env.id, { user_id: DEMO.users.admin }, 'break_glass', 'deny', 'two-person rule')
    const refused = await deploy(as.admin, DEMO.users.admin, env.id)
    expect(refused.error?.message).toMatch(/is locked: quarter close/)
    expect(refused.error?.hint).toBe(`You don't have break-glass on ${env.key}: an admin denied it to you (two-person rule)`)
  })

  it('go with the member when they leave the organization', async () => {
    const env = await environment()
    const [member] = await createMembers(stack, `leaver-${n}`, 1, DEMO.acme, 'operator')
    await grant(env.id, { user_id: member.id }, 'lock', 'allow')
    await as.admin.from('organization_members').delete().eq('organization_id', DEMO.acme).eq('user_id', member.id)
    const [{ count }] = await sql(stack, 'select count(*)::int from public.environment_permissions where user_id = $1', [member.id])
    expect(count).toBe(0)
  })
})
