import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'

let stack: TestStack
let as: Clients
const TABLES = ['deployments', 'deployment_versions', 'audit_logs']

const current = async (environmentId: string) =>
  (await sql(stack, 'select * from public.deployment_versions where environment_id = $1 and is_current', [environmentId]))[0]

/** An earlier version of the environment whose tag differs from the current one. */
const earlier = async (environmentId: string) =>
  (await sql(stack, `select v.* from public.deployment_versions v where v.environment_id = $1 and not v.is_current
    and v.version_tag <> (select c.version_tag from public.deployment_versions c where c.environment_id = $1 and c.is_current)
    order by v.created_at desc limit 1`, [environmentId]))[0]

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('rollback-deployment', () => {
  it('rolls an environment back end to end: the old version is current again, recorded as a rollback with its reason, audited', async () => {
    const before = await current(DEMO.env.dev)
    const target = await earlier(DEMO.env.dev)
    const reply = await invoke(as.operator, 'rollback-deployment', {
      environment_id: DEMO.env.dev, version_id: target.id, reason: '  Checkout errors after the release  ',
    })
    expect(reply.status).toBe(201)
    expect(reply.body.version).toMatchObject({ version_tag: target.version_tag, restored_from_id: target.id, environment_id: DEMO.env.dev })

    const now = await current(DEMO.env.dev)
    expect(now).toMatchObject({ id: reply.body.version.id, version_tag: target.version_tag, commit_sha: target.commit_sha, restored_from_id: target.id })
    const [deployment] = await sql(stack, 'select * from public.deployments where id = $1', [reply.body.deployment_id])
    expect(deployment).toMatchObject({
      environment_id: DEMO.env.dev, version: target.version_tag, deployed_by: DEMO.users.operator,
      rollback_of_id: before.deployment_id, reason: 'Checkout errors after the release', status: 'success', break_glass: false,
    })
    const [undone] = await sql(stack, 'select status from public.deployments where id = $1', [before.deployment_id])
    expect(undone.status).toBe('rolled_back')

    const audit = await sql(stack, `select user_id, after from public.audit_logs where action = 'insert' and resource_type = 'deployments' and resource_id = $1`, [deployment.id])
    expect(audit).toHaveLength(1)
    expect(audit[0].user_id).toBe(DEMO.users.operator)
    expect(audit[0].after.reason).toBe('Checkout errors after the release')

    // History stays append-only, and says how long the undone version was live.
    const { data: history } = await as.viewer.from('deployment_version_history').select('id, version_tag, live_from, live_until')
      .eq('environment_id', DEMO.env.dev).order('live_from', { ascending: false }).limit(2)
    expect(history![0]).toMatchObject({ id: now.id, live_until: null })
    expect(history![1].id).toBe(before.id)
    expect(history![1].live_until).toBe(history![0].live_from)
    expect((await sql(stack, 'select is_current from public.deployment_versions where id = $1', [target.id]))[0].is_current).toBe(false)
  })

  it('lets one of several simultaneous rollbacks to the same version win; the others get 409, none fails', async () => {
    const target = await earlier(DEMO.env.dev)
    const body = { environment_id: DEMO.env.dev, version_id: target.id, reason: 'Simultaneous clicks' }
    const replies = await Promise.all([as.operator, as.admin, as.operator, as.admin].map((client) => invoke(client, 'rollback-deployment', body)))
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409])
    expect((await current(DEMO.env.dev)).version_tag).toBe(target.version_tag)
    const [{ n }] = await sql(stack, 'select count(*)::int as n from public.deployment_versions where environment_id = $1 and is_current', [DEMO.env.dev])
    expect(n).toBe(1)
  })

  it('refuses to roll back to the version that is already current (409) and writes nothing', async () => {
    const before = await counts(stack, TABLES)
    const now = await current(DEMO.env.uat)
    const reply = await invoke(as.operator, 'rollback-deployment', { environment_id: DEMO.env.uat, version_id: now.id, reason: 'try the same again' })
    expectError(reply, 409, 'conflict')
    expect(reply.body.error.message).toMatch(/already runs/)
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('answers 404 for an unknown version or one of another environment', async () => {
    const before = await counts(stack, TABLES)
    expectError(await invoke(as.operator, 'rollback-deployment', {
      environment_id: DEMO.env.uat, version_id: '00000000-0000-4000-a000-00000000beef', reason: 'unknown version',
    }), 404, 'not_found')
    const devVersion = await earlier(DEMO.env.dev)
    expectError(await invoke(as.operator, 'rollback-deployment', {
      environment_id: DEMO.env.uat, version_id: devVersion.id, reason: 'wrong environment',
    }), 404, 'not_found')
    expectError(await invoke(as.operator, 'rollback-deployment', {
      environment_id: '00000000-0000-4000-a000-00000000beef', version_id: devVersion.id, reason: 'unknown environment',
    }), 404, 'not_found')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('refuses an operator in a locked environment with the lock\'s reason, and lets an admin break glass with a second admin\'s approval', async () => {
    const target = await earlier(DEMO.env.prod)
    const before = await counts(stack, TABLES)
    const refused = await invoke(as.operator, 'rollback-deployment', { environment_id: DEMO.env.prod, version_id: target.id, reason: 'Refund errors spiking' })
    expectError(refused, 409, 'environment_locked')
    expect(refused.body.error.message).toMatch(/prod is locked: Production changes need an admin/)
    expect(refused.body.error.details.hint).toMatch(/only admin or above/)
    expect(await counts(stack, TABLES)).toEqual(before)

    // An admin breaks glass only with a break-glass request a second admin (lead@) approved.
    const alone = await invoke(as.admin, 'rollback-deployment', { environment_id: DEMO.env.prod, version_id: target.id, reason: 'Refund errors spiking' })
    expectError(alone, 409, 'environment_locked')
    expect(alone.body.error.details.hint).toMatch(/approved by a second admin/)
    const { data: request } = await as.admin.from('break_glass_requests')
      .insert({ environment_id: DEMO.env.prod, requested_by: DEMO.users.admin, reason_category: 'incident', reason: 'Refund errors spiking' })
      .select('id').single()
    const lead = await signIn(stack, 'lead@opzenix.dev')
    expect((await lead.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error).toBeNull()
    const allowed = await invoke(as.admin, 'rollback-deployment', { environment_id: DEMO.env.prod, version_id: target.id, reason: 'Refund errors spiking' })
    expect(allowed.status).toBe(201)
    const [deployment] = await sql(stack, 'select break_glass, deployed_by from public.deployments where id = $1', [allowed.body.deployment_id])
    expect(deployment).toEqual({ break_glass: true, deployed_by: DEMO.users.admin })
    expect((await current(DEMO.env.prod)).version_tag).toBe(target.version_tag)
  })

  it('refuses an operator during an active freeze window with the window\'s reason (409 environment_frozen)', async () => {
    const [freeze] = await sql(stack, `insert into public.freeze_windows (project_id, environment_id, starts_at, ends_at, reason)
      values ($1, $2, now() - interval '1 minute', now() + interval '1 hour', 'Marketing launch') returning id`, [DEMO.project, DEMO.env.uat])
    try {
      const target = await earlier(DEMO.env.uat)
      const before = await counts(stack, TABLES)
      const refused = await invoke(as.operator, 'rollback-deployment', { environment_id: DEMO.env.uat, version_id: target.id, reason: 'Revert the launch build' })
      expectError(refused, 409, 'environment_frozen')
      expect(refused.body.error.message).toMatch(/uat is frozen until .*Marketing launch/)
      expect(await counts(stack, TABLES)).toEqual(before)
    } finally {
      await sql(stack, 'delete from public.freeze_windows where id = $1', [freeze.id])
    }
  })

  it('refuses viewers (403), other organizations (404) and anonymous callers (401)', async () => {
    const target = await earlier(DEMO.env.staging)
    const body = { environment_id: DEMO.env.staging, version_id: target.id, reason: 'viewer tries a rollback' }
    const before = await counts(stack, TABLES)
    expectError(await invoke(as.viewer, 'rollback-deployment', body), 403, 'forbidden')
    expectError(await invoke(as.globex, 'rollback-deployment', body), 404, 'not_found')
    expectError(await invoke(as.anon, 'rollback-deployment', body), 401, 'unauthorized')
    expect(await counts(stack, TABLES)).toEqual(before)
    // The same request as an operator goes through, so the refusals were about the caller.
    expect((await invoke(as.operator, 'rollback-deployment', body)).status).toBe(201)
  })

  it('answers bad input with the error shape and writes nothing', async () => {
    const target = await earlier(DEMO.env.uat)
    const before = await counts(stack, TABLES)
    const bad = [
      {},
      { environment_id: DEMO.env.uat, version_id: target.id },
      { environment_id: DEMO.env.uat, version_id: target.id, reason: '   ab   ' },
      { environment_id: DEMO.env.uat, version_id: target.id, reason: 42 },
      { environment_id: DEMO.env.uat, version_id: 'v1.2.3', reason: 'a fine reason' },
      { environment_id: 17, version_id: target.id, reason: 'a fine reason' },
    ]
    for (const body of bad) expectError(await invoke(as.admin, 'rollback-deployment', body), 400, 'invalid_input')
    expectError(await rawPost(stack, as.admin, 'rollback-deployment', 'reason=x', 'text/plain'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.admin, 'rollback-deployment', '[1,', 'application/json'), 400, 'invalid_input')
    expect(await counts(stack, TABLES)).toEqual(before)
  })
})
