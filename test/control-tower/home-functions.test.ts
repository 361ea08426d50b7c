import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'

// The control tower's SQL (supabase/migrations/20261128005100_control_tower.sql) through PostgREST as real users.
let stack: TestStack
let viewer: Client
let operator: Client
let globex: Client

beforeAll(async () => {
  stack = await startProjectStack()
  ;[viewer, operator, globex] = await Promise.all([
    signIn(stack, 'viewer@opzenix.dev'), signIn(stack, 'operator@opzenix.dev'), signIn(stack, 'globex@opzenix.dev'),
  ])
})
afterAll(async () => { await stack?.stop() })

const kpis = async (client: Client) => {
  const { data, error } = await client.rpc('control_tower_kpis', { _project_id: DEMO.project })
  if (error) throw new Error(error.message)
  return data as { running: number; waiting: number; succeeded_7d: number; failed_7d: number; finished_7d: number }
}

async function allActivity(client: Client, limit: number) {
  const rows: Array<{ key: string; at: string; kind: string; execution_name: string | null; new_state: string }> = []
  let cursor: { at: string; key: string } | null = null
  for (let guard = 0; guard < 200; guard++) {
    const { data, error }: { data: any[] | null; error: any } = await client.rpc('project_activity', {
      _project_id: DEMO.project, _limit: limit, ...(cursor ? { _before_at: cursor.at, _before_key: cursor.key } : {}),
    })
    if (error) throw new Error(error.message)
    rows.push(...data!)
    if (data!.length < limit) return rows
    cursor = { at: data!.at(-1).at, key: data!.at(-1).key }
  }
  throw new Error('pagination did not end')
}

describe('control_tower_kpis', () => {
  it('counts what the database holds for a member', async () => {
    const [expected] = await sql(stack, `
      select count(*) filter (where status in ('queued', 'running'))::int as running,
             count(*) filter (where status in ('success', 'warning') and finished_at >= now() - interval '7 days')::int as succeeded_7d,
             count(*) filter (where status = 'failed' and finished_at >= now() - interval '7 days')::int as failed_7d,
             count(*) filter (where status in ('success', 'warning', 'failed', 'cancelled') and finished_at >= now() - interval '7 days')::int as finished_7d,
             (select count(*)::int from approval_requests where project_id = $1 and status = 'pending') as waiting
      from executions where project_id = $1`, [DEMO.project])
    const got = await kpis(viewer)
    expect(got).toEqual(expected)
    expect(got.finished_7d).toBeGreaterThan(0)
    expect(got.waiting).toBeGreaterThan(0)
  })

  it('gives someone outside the organization zeros, not the numbers', async () => {
    expect(await kpis(globex)).toEqual({ running: 0, waiting: 0, succeeded_7d: 0, failed_7d: 0, finished_7d: 0 })
  })

  it('is refused to anonymous callers', async () => {
    const { error } = await stack.anon().rpc('control_tower_kpis', { _project_id: DEMO.project })
    expect(error?.code).toBe('42501')
  })
})

describe('a run failing', () => {
  it('moves the KPIs, the chart and the top of the activity feed', async () => {
    const before = await kpis(viewer)
    const { data: run, error } = await operator.from('executions')
      .insert({ project_id: DEMO.project, name: 'Home KPI probe', status: 'running', started_by: DEMO.users.operator })
      .select('id').single()
    expect(error).toBeNull()
    expect((await kpis(viewer)).running).toBe(before.running + 1)

    const failed = await operator.from('executions').update({ status: 'failed', error_message: 'probe' }).eq('id', run!.id)
    expect(failed.error).toBeNull()
    const after = await kpis(viewer)
    expect(after).toEqual({ ...before, failed_7d: before.failed_7d + 1, finished_7d: before.finished_7d + 1 })

    const { data: days } = await viewer.rpc('control_tower_runs_per_day', { _project_id: DEMO.project, _days: 14, _time_zone: 'UTC' })
    expect(days).toHaveLength(14)
    expect(days!.at(-1).day).toBe(new Date().toISOString().slice(0, 10))
    expect(days!.at(-1).failed).toBeGreaterThanOrEqual(1)

    const { data: top } = await viewer.rpc('project_activity', { _project_id: DEMO.project, _limit: 2 })
    expect(top![0]).toMatchObject({ kind: 'execution', execution_id: run!.id, execution_name: 'Home KPI probe', old_state: 'running', new_state: 'failed', actor_name: 'Otto Operator' })
  })
})

describe('control_tower_runs_per_day', () => {
  it('has one row per day, oldest first, summing to the runs that finished in that window', async () => {
    const { data, error } = await viewer.rpc('control_tower_runs_per_day', { _project_id: DEMO.project, _days: 14, _time_zone: 'Europe/Paris' })
    expect(error).toBeNull()
    expect(data!.map((d: any) => d.day)).toEqual([...data!.map((d: any) => d.day)].sort())
    const total = data!.reduce((sum: number, d: any) => sum + d.success + d.warning + d.failed + d.cancelled, 0)
    const [{ count }] = await sql(stack, `
      select count(*)::int as count from executions where project_id = $1 and finished_at is not null
        and (finished_at at time zone 'Europe/Paris')::date >= (now() at time zone 'Europe/Paris')::date - 13`, [DEMO.project])
    expect(total).toBe(count)
  })

  it('answers 400 for an unknown time zone or a silly range', async () => {
    const zone = await viewer.rpc('control_tower_runs_per_day', { _project_id: DEMO.project, _time_zone: 'Mars/Olympus' })
    expect(zone.error?.code).toBe('22023')
    const days = await viewer.rpc('control_tower_runs_per_day', { _project_id: DEMO.project, _days: 1000 })
    expect(days.error?.code).toBe('22023')
  })
})

describe('project_activity', () => {
  it('pages through the same newest-first list as one large read, nothing twice or missing', async () => {
    const whole = await allActivity(viewer, 100)
    const paged = await allActivity(viewer, 7)
    expect(paged.map((r) => r.key)).toEqual(whole.map((r) => r.key))
    expect(new Set(paged.map((r) => r.key)).size).toBe(paged.length)
    const times = whole.map((r) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(new Set(whole.map((r) => r.kind))).toEqual(new Set(['execution', 'vote', 'deployment']))
  })

  it('shows nothing of the project to someone outside its organization', async () => {
    const { data, error } = await globex.rpc('project_activity', { _project_id: DEMO.project })
    expect(error).toBeNull()
    expect(data).toEqual([])
  })

  it('refuses a limit out of range and half a cursor', async () => {
    expect((await viewer.rpc('project_activity', { _project_id: DEMO.project, _limit: 0 })).error?.code).toBe('22023')
    expect((await viewer.rpc('project_activity', { _project_id: DEMO.project, _before_at: new Date().toISOString() })).error?.code).toBe('22023')
  })
})
