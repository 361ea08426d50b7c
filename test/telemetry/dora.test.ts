// DORA metrics on a fixture history worked out by hand. Everything happens in the dev environment of
// payments-api in January 2020 (long before the seed's history), window [2020-01-01, 2020-01-11) = 10 days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'

let stack: TestStack
let service: Client

const at = (s: string) => `2020-${s}:00Z` // '01-02T10:00' → ISO
const WINDOW = { _project_id: DEMO.project, _from: at('01-01T00:00'), _to: at('01-11T00:00') }

// Pipeline runs: the first run that saw a commit starts its lead time.
const RUNS = [
  { commit_sha: 'aaaa001', started_at: at('01-01T20:00') }, // first sight of commit 1
  { commit_sha: 'aaaa001', started_at: at('01-02T08:00'), key: 'E1' }, // the run that deployed it
  { commit_sha: 'aaaa002', started_at: at('01-03T08:00'), key: 'E2' },
  { commit_sha: 'aaaa003', started_at: at('01-03T10:00') }, // D3 names its commit through deployment_versions
  { commit_sha: 'aaaa004', started_at: at('01-05T11:00'), key: 'E4' },
  { commit_sha: 'aaaa006', started_at: at('01-08T07:00'), key: 'E6' },
  { commit_sha: 'aaaa007', started_at: at('01-08T09:45'), key: 'E7' },
]

// key, started, finished, status, run, rollback of
const DEPLOYS: Array<[string, string, string | null, string, string | null, string | null]> = [
  ['D0', '2019-12-31T12:00', '2019-12-31T12:10', 'failed', null, null], // before the window
  ['D1', '01-02T10:00', '01-02T10:30', 'success', 'E1', null],
  ['D2', '01-03T09:00', '01-03T09:20', 'failed', 'E2', null],
  ['D3', '01-03T11:00', '01-03T11:20', 'success', null, null], // fix forward after D2
  ['D4', '01-05T12:00', '01-05T12:10', 'success', 'E4', null], // later rolled back by D5
  ['D5', '01-05T14:00', '01-05T14:05', 'success', null, 'D4'], // the rollback
  ['D6', '01-08T09:00', '01-08T09:30', 'rolled_back', 'E6', null],
  ['D7', '01-08T10:00', '01-08T10:15', 'success', 'E7', null], // fix forward after D6
  ['D8', '01-09T10:00', null, 'cancelled', null, null], // not a finished deployment: ignored
  ['D9', '01-10T23:00', '01-10T23:10', 'failed', null, null],
  ['D10', '01-11T01:00', '01-11T01:30', 'success', null, null], // after the window, but recovers D9
]

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  const runs: Record<string, string> = {}
  for (const run of RUNS) {
    const { data, error } = await service.from('executions').insert({
      project_id: DEMO.project, name: 'release', status: 'success', commit_sha: run.commit_sha,
      started_at: run.started_at, finished_at: run.started_at, created_at: run.started_at,
    }).select('id').single()
    if (error) throw new Error(error.message)
    if (run.key) runs[run.key] = data.id
  }
  const deploys: Record<string, string> = {}
  for (const [key, started, finished, status, run, rollbackOf] of DEPLOYS) {
    const iso = (s: string) => (s.startsWith('2019') ? `${s}:00Z` : at(s))
    const { data, error } = await service.from('deployments').insert({
      project_id: DEMO.project, environment_id: DEMO.env.dev, version: `v-${key}`, status, deployed_by: DEMO.users.operator,
      execution_id: run ? runs[run] : null, rollback_of_id: rollbackOf ? deploys[rollbackOf] : null,
      started_at: iso(started), finished_at: finished ? iso(finished) : null,
    }).select('id').single()
    if (error) throw new Error(`${key}: ${error.message}`)
    deploys[key] = data.id
  }
  const version = await service.from('deployment_versions').insert({
    project_id: DEMO.project, environment_id: DEMO.env.dev, deployment_id: deploys.D3, version_tag: 'v-D3', commit_sha: 'aaaa003',
  })
  if (version.error) throw new Error(version.error.message)
})
afterAll(() => stack?.stop())

async function metrics(client: Client, args: Record<string, unknown>) {
  const { data, error } = await client.rpc('dora_metrics', args)
  if (error) throw new Error(error.message)
  return Object.fromEntries((data as Array<{ metric: string; value: number | null; sample_size: number; unit: string; definition: string }>).map((m) => [m.metric, m]))
}

describe('DORA metrics', () => {
  it('match the figures worked out by hand', async () => {
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const m = await metrics(viewer, { ...WINDOW, _environment_id: DEMO.env.dev })
    // Finished deployments started in the window: D1 D2 D3 D4 D5 D6 D7 D9 = 8 (D0 before, D10 after, D8 cancelled).

    // Deployment frequency: reached the environment (success or rolled_back): D1 D3 D4 D5 D6 D7 = 6 in 10 days = 0.6/day.
    expect(m.deployment_frequency).toMatchObject({ value: 0.6, unit: 'per_day', sample_size: 6 })

    // Change lead time (successful non-rollback deployments, commit first seen → deploy finished):
    //   D1: 01-01 20:00 → 01-02 10:30 = 14h30 = 52200 s (the earlier run of aaaa001 counts, not E1)
    //   D3: 01-03 10:00 → 11:20 = 4800 s (commit from deployment_versions)
    //   D4: 01-05 11:00 → 12:10 = 4200 s;  D7: 01-08 09:45 → 10:15 = 1800 s
    //   sorted 1800, 4200, 4800, 52200 → median (4200 + 4800) / 2 = 4500 s
    expect(m.change_lead_time).toMatchObject({ value: 4500, unit: 'seconds', sample_size: 4 })

    // Change fail rate: failed changes D2 (failed), D4 (rolled back by D5), D6 (rolled_back), D9 (failed) = 4 / 8 = 0.5.
    expect(m.change_fail_rate).toMatchObject({ value: 0.5, unit: 'ratio', sample_size: 8 })

    // Failed deployment recovery time (failure finished → next success to dev that started after it):
    //   D2: 09:20 → D3 11:20 = 7200 s;  D4: 12:10 → D5 14:05 = 6900 s
    //   D6: 09:30 → D7 10:15 = 2700 s;  D9: 01-10 23:10 → D10 01-11 01:30 = 8400 s
    //   sorted 2700, 6900, 7200, 8400 → median (6900 + 7200) / 2 = 7050 s
    expect(m.failed_deployment_recovery_time).toMatchObject({ value: 7050, unit: 'seconds', sample_size: 4 })

    // Rework: D1 (previous D0 failed), D3 (after D2), D5 (a rollback), D7 (after D6) = 4 / 8 = 0.5.
    expect(m.deployment_rework_rate).toMatchObject({ value: 0.5, unit: 'ratio', sample_size: 8 })

    for (const metric of Object.values(m)) expect(metric.definition.length).toBeGreaterThan(40)
  })

  it('scopes by environment and by who may read the project', async () => {
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const all = await metrics(admin, WINDOW) // every environment: only dev had deployments in January 2020
    expect(all.deployment_frequency.value).toBe(0.6)
    expect(all.change_fail_rate.value).toBe(0.5)

    const prod = await metrics(admin, { ...WINDOW, _environment_id: DEMO.env.prod })
    expect(prod.deployment_frequency).toMatchObject({ value: 0, sample_size: 0 })
    expect(prod.change_lead_time.value).toBeNull()
    expect(prod.change_fail_rate.value).toBeNull()

    // Security invoker: another organization's member sees no deployments, so no figures.
    const globex = await signIn(stack, 'globex@opzenix.dev')
    const outsider = await metrics(globex, { ...WINDOW, _environment_id: DEMO.env.dev })
    expect(outsider.deployment_frequency.value).toBe(0)
    expect(outsider.change_fail_rate.value).toBeNull()
  })
})
