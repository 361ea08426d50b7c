// Governance in the database: lock expiry (refused in the past, lifted for reads at once, lifted and audited by
// lift_expired_locks), recurring freeze windows read in their time zone (DST-safe) and refused when they never
// fire, and two-admin break-glass (asked with a reason, approved by another admin, used once, audited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import { readRun, simulated, startRun, storedPipeline } from '../engine/helpers.ts'
import { advanceExecution } from '../../supabase/functions/_shared/engine/advance.ts'

let stack: TestStack
let service: Client
let operator: Client
let admin: Client
let lead: Client // the second admin
let n = 0

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '0' // no scheduler: reads must treat an expired lock as lifted on their own
  stack = await startProjectStack()
  service = stack.service()
  ;[operator, admin, lead] = await Promise.all(['operator', 'admin', 'lead'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
}, 120_000)
afterAll(async () => { await stack?.stop() })

async function environment(key: string): Promise<string> {
  const { data, error } = await service.from('environments').insert({
    project_id: DEMO.project, key: `${key}-${++n}`, display_name: key, tier: 'testing', position: 300 + n,
  }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

const deploy = (client: Client, userId: string, environmentId: string) => client.from('deployments')
  .insert({ project_id: DEMO.project, environment_id: environmentId, version: `7.${++n}.0`, deployed_by: userId })
  .select('id, break_glass').single()

const lock = (client: Client, environmentId: string, fields: Record<string, unknown> = {}) => client.from('environment_locks')
  .insert({ project_id: DEMO.project, environment_id: environmentId, is_locked: true, lock_reason: 'incident 81', ...fields })
  .select('id, expires_at').single()

const count = async (table: string, where: string, values: unknown[]) =>
  (await sql(stack, `select count(*)::int as n from public.${table} where ${where}`, values))[0].n as number

describe('locks with an expiry', () => {
  it('refuse an expiry in the past (400, nothing written)', async () => {
    const env = await environment('ttl-past')
    const { error } = await lock(admin, env, { expires_at: new Date(Date.now() - 60_000).toISOString() })
    expect(error?.message).toMatch(/expiry must be in the future/)
    expect(error?.code).toBe('23514')
    expect(await count('environment_locks', 'environment_id = $1', [env])).toBe(0)
    // Wrong types are refused the same way.
    expect((await lock(admin, env, { expires_at: 'next week-ish' })).error?.code).toBe('22007')
  })

  it('stop holding at the expiry for the deploy guard at once, then lift_expired_locks turns them off and audits it', async () => {
    const env = await environment('ttl')
    const { data, error } = await lock(admin, env, { expires_at: new Date(Date.now() + 1500).toISOString() })
    expect(error).toBeNull()
    expect((await deploy(operator, DEMO.users.operator, env)).error?.message).toMatch(/is locked: incident 81/)
    await new Promise((r) => setTimeout(r, 1700))
    // No tick has run: the row still says locked, yet the lock no longer holds.
    expect((await sql(stack, 'select is_locked from public.environment_locks where id = $1', [data!.id]))[0].is_locked).toBe(true)
    expect((await deploy(operator, DEMO.users.operator, env)).error).toBeNull()

    // Only the service role (the engine's tick) may lift; it does so once, with an audit row.
    expect((await operator.rpc('lift_expired_locks')).error).not.toBeNull()
    const lifted = await service.rpc('lift_expired_locks')
    expect(lifted.data).toBeGreaterThanOrEqual(1)
    expect((await service.rpc('lift_expired_locks')).data).toBe(0)
    const [row] = await sql(stack, 'select is_locked, expires_at from public.environment_locks where id = $1', [data!.id])
    expect(row).toEqual({ is_locked: false, expires_at: null })
    const audit = await sql(stack, `select details from public.audit_logs where action = 'environment.lock_expired' and resource_id = $1`, [data!.id])
    expect(audit).toHaveLength(1)
    expect(audit[0].details).toMatchObject({ lock_reason: 'incident 81', locked_by: null, expired_at: expect.any(String) })
  })
})

describe('recurring freeze windows', () => {
  const window = (client: Client, fields: Record<string, unknown>) => client.from('freeze_windows').insert({
    project_id: DEMO.project, reason: 'Weekday mornings', starts_at: new Date(Date.now() - 60_000).toISOString(), ...fields,
  }).select('id').single()

  it('are read in their time zone: weekdays 09:00 Berlin is 08:00 UTC before the DST change and 07:00 UTC after', async () => {
    const { data, error } = await operator.rpc('freeze_window_occurrences', {
      _recurrence: '0 9 * * 1-5', _time_zone: 'Europe/Berlin', _count: 3, _after: '2026-03-26T12:00:00Z',
    })
    expect(error).toBeNull()
    expect((data as string[]).map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-27T08:00:00.000Z', // Friday, CET (UTC+1)
      '2026-03-30T07:00:00.000Z', // Monday after the switch on Sunday 29 March, CEST (UTC+2)
      '2026-03-31T07:00:00.000Z',
    ])

    const env = await environment('berlin')
    const created = await window(admin, { environment_id: env, recurrence: '0 9 * * 1-5', time_zone: 'Europe/Berlin', duration_minutes: 60, starts_at: '2026-01-01T00:00:00Z' })
    expect(created.error).toBeNull()
    const until = async (at: string) => (await sql(stack,
      'select private.freeze_window_until(f, $2::timestamptz) as until from public.freeze_windows f where f.id = $1', [created.data!.id, at]))[0].until
    expect(await until('2026-03-27T08:30:00Z')).toEqual(new Date('2026-03-27T09:00:00Z')) // 09:30 CET: frozen
    expect(await until('2026-03-27T07:30:00Z')).toBeNull() // 08:30 CET: open
    expect(await until('2026-03-30T07:30:00Z')).toEqual(new Date('2026-03-30T08:00:00Z')) // 09:30 CEST: frozen
    expect(await until('2026-03-30T08:30:00Z')).toBeNull() // 10:30 CEST: open
    expect(await until('2026-03-28T08:30:00Z')).toBeNull() // Saturday
    await service.from('freeze_windows').delete().eq('id', created.data!.id)
  })

  it('hold deploys while an occurrence lasts (the guard evaluates the recurrence now)', async () => {
    const env = await environment('always')
    const created = await window(admin, { environment_id: env, recurrence: '*/5 * * * *', time_zone: 'Asia/Kolkata', duration_minutes: 5 })
    expect(created.error).toBeNull()
    expect((await deploy(operator, DEMO.users.operator, env)).error?.message).toMatch(/is frozen until .*Weekday mornings/)
    await admin.from('freeze_windows').update({ recurrence: '0 3 1 1 *' }).eq('id', created.data!.id) // once a year
    expect((await deploy(operator, DEMO.users.operator, env)).error).toBeNull()
  })

  it('refuse a recurrence that never fires, a bad field, an unknown zone or a missing duration (400, nothing written)', async () => {
    const env = await environment('bad-cron')
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ recurrence: '0 9 30 2 *', time_zone: 'UTC', duration_minutes: 60 }, /never fires/],
      [{ recurrence: '0 9 31 4,6 *', time_zone: 'UTC', duration_minutes: 60 }, /never fires/],
      [{ recurrence: '61 * * * *', time_zone: 'UTC', duration_minutes: 60 }, /minute field "61" is outside 0-59/],
      [{ recurrence: '0 9 * *', time_zone: 'UTC', duration_minutes: 60 }, /needs 5 fields/],
      [{ recurrence: '0 9 * * mon', time_zone: 'UTC', duration_minutes: 60 }, /day-of-week field "mon" is not a number/],
      [{ recurrence: '0 9 * * 1', time_zone: 'Mars/Olympus', duration_minutes: 60 }, /unknown time zone "Mars\/Olympus"/],
      [{ recurrence: '0 9 * * 1', time_zone: 'UTC' }, /needs a duration/],
    ]
    for (const [fields, message] of cases) {
      const { error } = await window(admin, { environment_id: env, ...fields })
      expect(error?.code, JSON.stringify(fields)).toBe('23514')
      expect(error?.message).toMatch(message)
    }
    expect((await window(admin, { environment_id: env, recurrence: '0 9 * * 1', time_zone: 'UTC', duration_minutes: 'long' })).error?.code).toBe('22P02')
    // 29 February fires in leap years, so it is accepted.
    const leap = await window(admin, { environment_id: env, recurrence: '0 0 29 2 *', time_zone: 'UTC', duration_minutes: 60 })
    expect(leap.error).toBeNull()
    expect(await count('freeze_windows', 'environment_id = $1', [env])).toBe(1)
    expect((await operator.rpc('freeze_window_occurrences', { _recurrence: '0 9 30 2 *', _time_zone: 'UTC' })).error?.message).toMatch(/never fires/)
  })
})

describe('break-glass', () => {
  const ask = (client: Client, environmentId: string, userId: string, fields: Record<string, unknown> = {}) => client.from('break_glass_requests')
    .insert({ environment_id: environmentId, requested_by: userId, reason_category: 'incident', reason: 'Checkout down, hotfix 4.2.1', ...fields })
    .select('id, status, project_id, organization_id').single()

  it('is refused without a second admin\'s approval; with it, one deploy passes, marked and audited', async () => {
    const env = await environment('glass')
    const { data: theLock } = await lock(admin, env)

    // An admin alone no longer goes through silently.
    const alone = await deploy(admin, DEMO.users.admin, env)
    expect(alone.error?.message).toMatch(/is locked: incident 81/)
    expect(alone.error?.hint).toMatch(/approved by a second admin/)

    // Operators may not ask (break-glass is the admins' by default); admins may, with a reason from the list.
    expect((await ask(operator, env, DEMO.users.operator)).error?.message).toMatch(/row-level security/)
    expect((await ask(admin, env, DEMO.users.admin, { reason_category: 'because' })).error?.code).toBe('22P02')
    expect((await ask(admin, env, DEMO.users.admin, { reason: ' ' })).error?.code).toBe('23514')
    const { data: request, error } = await ask(admin, env, DEMO.users.admin, { status: 'approved' })
    expect(error).toBeNull()
    expect(request).toMatchObject({ status: 'pending', project_id: DEMO.project, organization_id: DEMO.acme })

    // Pending is not enough; the requester cannot approve themselves; operators cannot approve; clients cannot update.
    expect((await deploy(admin, DEMO.users.admin, env)).error?.message).toMatch(/is locked/)
    expect((await admin.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error?.message).toMatch(/second admin/)
    expect((await operator.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error?.message).toMatch(/only an admin/)
    await admin.from('break_glass_requests').update({ status: 'approved' }).eq('id', request!.id)
    expect((await sql(stack, 'select status from public.break_glass_requests where id = $1', [request!.id]))[0].status).toBe('pending')

    const approved = await lead.rpc('decide_break_glass', { _request_id: request!.id, _approve: true, _comment: 'go' })
    expect(approved.error).toBeNull()
    expect(approved.data).toMatchObject({ status: 'approved', decided_by: DEMO.users.lead })

    // Someone else's approval does not help the operator.
    expect((await deploy(operator, DEMO.users.operator, env)).error?.message).toMatch(/is locked/)
    const through = await deploy(admin, DEMO.users.admin, env)
    expect(through.error).toBeNull()
    expect(through.data!.break_glass).toBe(true)
    const [used] = await sql(stack, 'select status, deployment_id, used_at from public.break_glass_requests where id = $1', [request!.id])
    expect(used).toMatchObject({ status: 'used', deployment_id: through.data!.id, used_at: expect.any(Date) })
    const audit = await sql(stack, `select user_id, details from public.audit_logs where action = 'deployment.break_glass' and resource_id = $1`, [theLock!.id])
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      user_id: DEMO.users.admin,
      details: { break_glass_request_id: request!.id, reason_category: 'incident', reason: 'Checkout down, hotfix 4.2.1', approved_by: DEMO.users.lead },
    })

    // Single use: the next deploy needs a new request; a used one cannot be decided again.
    expect((await deploy(admin, DEMO.users.admin, env)).error?.message).toMatch(/is locked/)
    expect((await lead.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error?.message).toMatch(/already used/)
  })

  it('does not pass a rejected or expired request, and a deny of break-glass refuses even an approved one', async () => {
    const env = await environment('glass-no')
    await lock(admin, env)
    const rejected = (await ask(admin, env, DEMO.users.admin)).data!
    await lead.rpc('decide_break_glass', { _request_id: rejected.id, _approve: false, _comment: 'wait for the fix' })
    expect((await deploy(admin, DEMO.users.admin, env)).error?.message).toMatch(/is locked/)

    const stale = (await ask(admin, env, DEMO.users.admin)).data!
    await lead.rpc('decide_break_glass', { _request_id: stale.id, _approve: true })
    await sql(stack, `update public.break_glass_requests set expires_at = now() - interval '1 second' where id = $1`, [stale.id])
    expect((await deploy(admin, DEMO.users.admin, env)).error?.message).toMatch(/is locked/)

    const fresh = (await ask(admin, env, DEMO.users.admin)).data!
    await lead.rpc('decide_break_glass', { _request_id: fresh.id, _approve: true })
    await service.from('environment_permissions').insert({ environment_id: env, user_id: DEMO.users.admin, action: 'break_glass', effect: 'deny', reason: 'two-person rule' })
    const denied = await deploy(admin, DEMO.users.admin, env)
    expect(denied.error?.hint).toMatch(/denied it to you \(two-person rule\)/)
    expect(await count('deployments', 'environment_id = $1', [env])).toBe(0)
  })
})

describe('the engine against the guard', () => {
  it('queues a deploy (OZ003) when the guard finds a lock the engine had not seen, and deploys it once unlocked', async () => {
    const env = await environment('race')
    const graph = storedPipeline([
      ['src', 'source', { repository: 'acme/payments-api' }],
      ['build', 'build', simulated(300)],
      ['deploy', 'deploy', { environment: (await sql(stack, 'select key from public.environments where id = $1', [env]))[0].key, strategy: 'rolling' }],
    ])
    const id = await startRun(stack, operator, graph)
    const { data: theLock } = await lock(admin, env, { lock_reason: 'late lock' })
    await new Promise((r) => setTimeout(r, 400))
    // Gates read before the lock (nothing blocked): the deploy is attempted and the guard refuses it.
    const stale = new Map([[DEMO.project, { blocked: new Map(), queues: new Map() }]])
    await advanceExecution(service, id, { blocked: stale })
    const held = await readRun(stack, id)
    expect(held.nodes.deploy).toMatchObject({ status: 'waiting', output: { reason: 'waiting_for_environment', detail: expect.stringMatching(/^waiting for lock on .*: environment .* is locked: late lock$/) } })
    expect(await count('deploy_queue', 'execution_id = $1', [id])).toBe(1)
    expect(await count('deployments', 'execution_id = $1', [id])).toBe(0)

    await admin.from('environment_locks').update({ is_locked: false }).eq('id', theLock!.id)
    await advanceExecution(service, id)
    expect((await readRun(stack, id)).status).toBe('success')
    expect(await count('deploy_queue', 'execution_id = $1', [id])).toBe(0)
  })
})
