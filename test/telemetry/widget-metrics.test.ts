// Dashboard figures (dashboard_figures), their snapshots (refresh_widget_metrics), DORA buckets
// (dora_metrics_series) and dashboard_layouts' RLS, on a fixture organization of their own so the seed's
// history does not mix in. Days are UTC: D2 = two days ago at noon, D1 = yesterday at noon, so both are
// inside the 7-day window whatever time the test runs; OLD is ten days ago (outside it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'

let stack: TestStack
let service: Client
let viewer: Client
let operator: Client
let globex: Client
const ids: Record<string, string> = {}

const DAY = 86_400_000
const noon = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * DAY)
  d.setUTCHours(12, 0, 0, 0)
  return d
}
const D2 = noon(2)
const D1 = noon(1)
const OLD = noon(10)
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000).toISOString()
const day = (d: Date) => d.toISOString().slice(0, 10)

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const { data, error } = await service.from(table).insert(row).select('id').single()
  if (error) throw new Error(`${table}: ${error.message}`)
  return (data as { id: string }).id
}

// name, status, finished day, duration in seconds (null: not finished)
const RUNS: Array<[string, string, Date, number | null]> = [
  ['X1', 'success', D2, 120], ['X2', 'success', D2, 300],
  ['X3', 'warning', D1, 60], ['X4', 'failed', D1, 600], ['X5', 'cancelled', D1, 30],
  ['X6', 'running', D1, null], ['X7', 'success', OLD, 45],
]
// environment, status, started
const DEPLOYS: Array<[string, string, Date]> = [
  ['dev', 'success', D2], ['dev', 'success', D1], ['dev', 'failed', D1],
  ['prod', 'success', D1], ['prod', 'rolled_back', D2], ['prod', 'pending', D1], ['prod', 'success', OLD],
]

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  const org = await insert('organizations', { name: 'Widget fixture', slug: 'widget-fixture', owner_id: DEMO.users.admin })
  const members = await service.from('organization_members').insert([
    { organization_id: org, user_id: DEMO.users.viewer, role: 'viewer' },
    { organization_id: org, user_id: DEMO.users.operator, role: 'operator' },
  ])
  if (members.error) throw new Error(members.error.message)
  ids.project = await insert('projects', { organization_id: org, name: 'widgets' })
  ids.dev = await insert('environments', { project_id: ids.project, key: 'dev', display_name: 'Dev', tier: 'development', position: 0 })
  ids.prod = await insert('environments', { project_id: ids.project, key: 'prod', display_name: 'Prod', tier: 'production', position: 1 })
  for (const [name, status, at, seconds] of RUNS) {
    const started = seconds === null ? at.toISOString() : plus(at, -seconds)
    ids[name] = await insert('executions', {
      project_id: ids.project, name, status, created_at: started, started_at: started,
      finished_at: seconds === null ? null : at.toISOString(),
    })
  }
  for (const [i, [env, status, at]] of DEPLOYS.entries()) {
    await insert('deployments', {
      project_id: ids.project, environment_id: ids[env], version: `1.0.${i}`, status, started_at: at.toISOString(),
      finished_at: status === 'pending' ? null : plus(at, 60), deployed_by: DEMO.users.operator,
    })
  }
  // Waiting: two pending requests (oldest on D2). Not waiting: one expired, one rejected.
  const requests: Array<[string, string, Date, string | null]> = [
    ['X1', 'pending', D2, null], ['X3', 'pending', D1, null], ['X4', 'pending', OLD, plus(OLD, 3600)], ['X5', 'rejected', D1, null],
  ]
  for (const [run, status, at, expires] of requests) {
    const id = await insert('approval_requests', {
      execution_id: ids[run], project_id: ids.project, node_id: 'gate', created_at: at.toISOString(), expires_at: expires,
    })
    // Requests are always created pending; the rejected one is decided afterwards.
    if (status !== 'pending') await service.from('approval_requests').update({ status, resolved_at: at.toISOString() }).eq('id', id)
  }
  const alpha = await insert('connections', { organization_id: org, type: 'github', name: 'alpha', status: 'degraded' })
  await insert('connections', { organization_id: org, type: 'kubernetes', name: 'beta' })
  for (const [status, at] of [['healthy', plus(OLD, 0)], ['healthy', plus(D2, 0)], ['healthy', plus(D1, 0)], ['degraded', plus(D1, 3600)]]) {
    await insert('connection_health_events', { connection_id: alpha, organization_id: org, status, response_time_ms: 80, checked_at: at })
  }
  viewer = await signIn(stack, 'viewer@opzenix.dev')
  operator = await signIn(stack, 'operator@opzenix.dev')
  globex = await signIn(stack, 'globex@opzenix.dev')
})
afterAll(() => stack?.stop())

async function figures(client: Client, days = 7) {
  const { data, error } = await client.rpc('dashboard_figures', { _project_id: ids.project, _days: days, _time_zone: 'UTC' })
  if (error) throw new Error(error.message)
  return data as any
}

describe('dashboard_figures', () => {
  it('counts the fixture history as worked out by hand', async () => {
    const f = await figures(viewer)
    // Created in the window: X1..X6 (X7 is ten days old).
    expect(f.executions_by_status).toEqual({ success: 2, warning: 1, failed: 1, cancelled: 1, running: 1 })
    // Finished in the window: X1..X5; succeeded X1 X2 X3 → 3/5.
    expect(f.success_rate).toEqual({ succeeded: 3, failed: 1, finished: 5 })
    expect(f.duration_trend).toHaveLength(7)
    const byDay = Object.fromEntries(f.duration_trend.map((d: any) => [d.day, d]))
    expect(byDay[day(D2)]).toMatchObject({ runs: 2, median_seconds: 210, max_seconds: 300 }) // 120, 300
    expect(byDay[day(D1)]).toMatchObject({ runs: 3, median_seconds: 60, max_seconds: 600 }) // 30, 60, 600
    expect(f.duration_trend.filter((d: any) => d.runs === 0).every((d: any) => d.median_seconds === null)).toBe(true)
    expect(f.deployments_per_environment).toEqual([
      expect.objectContaining({ key: 'dev', success: 2, failed: 1, rolled_back: 0, other: 0, total: 3 }),
      expect.objectContaining({ key: 'prod', success: 1, failed: 0, rolled_back: 1, other: 1, total: 3 }),
    ])
    expect(f.approvals_waiting.waiting).toBe(2)
    expect(new Date(f.approvals_waiting.oldest_at).getTime()).toBe(D2.getTime())
    expect(f.connection_health).toEqual([
      expect.objectContaining({ name: 'alpha', last_status: 'degraded', checks: 3, healthy_checks: 2 }),
      expect.objectContaining({ name: 'beta', last_status: null, last_checked_at: null, checks: 0, healthy_checks: 0 }),
    ])
  })

  it('widens with the window: 30 days include the ten-day-old run and deployment', async () => {
    const f = await figures(viewer, 30)
    expect(f.executions_by_status.success).toBe(3)
    expect(f.deployments_per_environment[1]).toMatchObject({ key: 'prod', success: 2, total: 4 })
  })

  it('shows another organization nothing', async () => {
    const f = await figures(globex)
    expect(f.executions_by_status).toEqual({})
    expect(f.success_rate.finished).toBe(0)
    expect(f.deployments_per_environment).toEqual([])
    expect(f.approvals_waiting.waiting).toBe(0)
    expect(f.connection_health).toEqual([])
  })

  it('refuses a window outside 1..90 days', async () => {
    const { error } = await viewer.rpc('dashboard_figures', { _project_id: ids.project, _days: 91 })
    expect(error?.message).toMatch(/between 1 and 90/)
  })
})

describe('refresh_widget_metrics', () => {
  it('lets an operator snapshot the figures, which members then read and others do not', async () => {
    expect((await viewer.rpc('refresh_widget_metrics', { _project_id: ids.project })).error?.code).toBe('42501')
    const { data: written, error } = await operator.rpc('refresh_widget_metrics', { _project_id: ids.project })
    expect(error).toBeNull()
    expect(written).toBeGreaterThan(10)
    const rate = await viewer.from('widget_metrics').select('metric_value')
      .eq('project_id', ids.project).eq('widget_type', 'success_rate').eq('metric_name', 'success_rate')
    expect(rate.data).toEqual([{ metric_value: 0.6 }])
    const prodRolledBack = await viewer.from('widget_metrics').select('metric_value')
      .eq('project_id', ids.project).eq('metric_name', 'deployments').contains('labels', { environment: 'prod', status: 'rolled_back' })
    expect(prodRolledBack.data).toEqual([{ metric_value: 1 }])
    expect((await globex.from('widget_metrics').select('id').eq('project_id', ids.project)).data).toEqual([])
    expect((await globex.rpc('refresh_widget_metrics', { _project_id: ids.project })).error?.code).toBe('42501')
    expect((await service.rpc('refresh_widget_metrics', { _project_id: ids.project })).error).toBeNull()
  })

  it('cannot be written directly by a member', async () => {
    const { error } = await operator.from('widget_metrics').insert({ project_id: ids.project, widget_type: 'x', metric_name: 'y', metric_value: 1 })
    expect(error?.code).toBe('42501')
  })
})

describe('dora_metrics_series', () => {
  it('buckets prod by day with the same figures dora_metrics gives each day', async () => {
    const from = new Date(D2); from.setUTCHours(0, 0, 0, 0)
    const to = new Date(from.getTime() + 2 * DAY)
    const { data, error } = await viewer.rpc('dora_metrics_series', {
      _project_id: ids.project, _from: from.toISOString(), _to: to.toISOString(), _bucket: 'day', _environment_id: ids.prod,
    })
    expect(error).toBeNull()
    const freq = (data as any[]).filter((r) => r.metric === 'deployment_frequency').map((r) => [r.value, r.sample_size])
    expect(freq).toEqual([[1, 1], [1, 1]]) // D2: the rolled-back one; D1: the success (the pending one is not finished)
    const fail = (data as any[]).filter((r) => r.metric === 'change_fail_rate').map((r) => r.value)
    expect(fail).toEqual([1, 0])
  })

  it('refuses an unknown bucket', async () => {
    const { error } = await viewer.rpc('dora_metrics_series', { _project_id: ids.project, _from: OLD.toISOString(), _to: D1.toISOString(), _bucket: 'hour' })
    expect(error?.message).toMatch(/day or week/)
  })
})

describe('dashboard_layouts', () => {
  it('keeps each user to their own layout', async () => {
    const mine = await viewer.from('dashboard_layouts').insert({ project_id: ids.project, is_default: true, layout: ['success_rate'] }).select('id').single()
    const theirs = await operator.from('dashboard_layouts').insert({ project_id: ids.project, is_default: true, layout: ['approvals_waiting'] }).select('id').single()
    expect(mine.error).toBeNull()
    expect(theirs.error).toBeNull()
    expect((await viewer.from('dashboard_layouts').select('layout').eq('project_id', ids.project)).data).toEqual([{ layout: ['success_rate'] }])
    const update = await viewer.from('dashboard_layouts').update({ layout: [] }).eq('id', theirs.data!.id).select('id')
    expect(update.data).toEqual([])
    await viewer.from('dashboard_layouts').delete().eq('id', theirs.data!.id)
    expect((await operator.from('dashboard_layouts').select('layout').eq('id', theirs.data!.id)).data).toEqual([{ layout: ['approvals_waiting'] }])
    const forged = await viewer.from('dashboard_layouts').insert({ user_id: DEMO.users.operator, project_id: ids.project, layout: [] })
    expect(forged.error?.code).toBe('42501')
    const outsider = await globex.from('dashboard_layouts').insert({ project_id: ids.project, layout: [] })
    expect(outsider.error?.code).toBe('42501')
  })
})
