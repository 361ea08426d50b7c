// The demo seed against the engine that runs it: every seeded pipeline passes the builder's rules, every seeded
// run is one the engine could have produced, an operator can start each pipeline, the gate-free one runs to
// success through the stack's scheduler, and the run in progress stays on its production gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'
import { graphProblems, runProblems } from './seed-checks.ts'

let stack: TestStack
let operator: Client

const FINISHED = ['success', 'warning', 'failed', 'cancelled']

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

const runStatus = async (id: string) => (await sql(stack, 'select status from public.executions where id = $1', [id]))[0]?.status as string

beforeAll(async () => {
  stack = await startProjectStack()
  operator = await signIn(stack, 'operator@opzenix.dev')
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('seeded pipelines', () => {
  it('are stored in the builder\'s form and pass the graph rules against their project\'s environments', async () => {
    const pipelines = await sql(stack, `select f.name, f.nodes, f.edges,
        (select json_agg(json_build_object('key', e.key, 'required_approvals', e.required_approvals)) from public.environments e where e.project_id = f.project_id) as envs
      from public.flow_templates f order by f.name`)
    expect(pipelines.map((p) => p.name)).toEqual(expect.arrayContaining([
      'Payments API: build and deploy to dev', 'Payments API release', 'Fraud model retraining', 'Platform Terraform', 'Sled firmware build',
    ]))
    const problems = Object.fromEntries(pipelines.map((p) => [p.name, graphProblems({ nodes: p.nodes, edges: p.edges }, p.envs)]))
    expect(problems).toEqual(Object.fromEntries(pipelines.map((p) => [p.name, []])))
  })

  it('include catalogue templates that a project with the demo environments can run as they are', async () => {
    const envs = await sql(stack, 'select key, required_approvals from public.environments where project_id = $1', [DEMO.project])
    const templates = await sql(stack, 'select name, nodes, edges from public.pipeline_templates order by name')
    expect(templates.length).toBeGreaterThanOrEqual(6)
    for (const t of templates) expect([t.name, graphProblems({ nodes: t.nodes, edges: t.edges }, envs)]).toEqual([t.name, []])
  })
})

describe('seeded runs', () => {
  it('are runs the engine could have produced: valid graphs and configs, statuses its nodes explain, legal state events', async () => {
    const runs = await sql(stack, `select e.id, e.status, e.graph,
        (select json_agg(json_build_object('key', v.key, 'required_approvals', v.required_approvals)) from public.environments v where v.project_id = e.project_id) as envs,
        (select json_agg(n) from public.execution_nodes n where n.execution_id = e.id) as nodes,
        (select json_agg(s order by s.created_at, s.id) from public.execution_state_events s where s.execution_id = e.id) as events
      from public.executions e`)
    expect(runs.length).toBeGreaterThan(30)
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['success', 'warning', 'failed', 'cancelled', 'paused']))
    const problems = runs.flatMap((r) => [
      ...graphProblems(r.graph, r.envs),
      ...runProblems(r.status, r.nodes.map((n: any) => ({ ...n, started_at: n.started_at && new Date(n.started_at), finished_at: n.finished_at && new Date(n.finished_at) })), r.events),
    ].map((p) => `${r.id}: ${p}`))
    expect(problems).toEqual([])
  })

  it('left a deployment behind every deploy that succeeded, approved gates behind every protected one, and a recorded rollback in prod', async () => {
    const missing = await sql(stack, `select n.execution_id, n.node_id from public.execution_nodes n
      where n.kind = 'deploy' and n.status = 'success' and (n.output ->> 'reused') is null
        and not exists (select 1 from public.deployments d join public.environments e on e.id = d.environment_id
          where d.execution_id = n.execution_id and e.key = n.config ->> 'environment')`)
    expect(missing).toEqual([])
    const unapproved = await sql(stack, `select d.id from public.deployments d join public.environments e on e.id = d.environment_id
      where e.required_approvals > 0 and d.rollback_of_id is null
        and not exists (select 1 from public.approval_requests r where r.id = d.approval_request_id and r.status = 'approved' and r.environment_id = e.id)`)
    expect(unapproved).toEqual([])
    const history = await sql(stack, `select version_tag, deployed_by, reason, rollback_of_id, restored_from_id, is_current
      from public.deployment_version_history where environment_id = $1 order by live_from`, [DEMO.env.prod])
    expect(history.length).toBeGreaterThanOrEqual(8)
    expect(new Set(history.map((h) => h.deployed_by)).size).toBeGreaterThanOrEqual(3)
    expect(history.filter((h) => h.rollback_of_id && h.restored_from_id && h.reason)).toHaveLength(1)
    expect(history.at(-1)).toMatchObject({ version_tag: '1.99.0', is_current: true })
    const [{ envs }] = await sql(stack, `select count(distinct v.environment_id)::int as envs from public.deployment_versions v where v.project_id = $1`, [DEMO.project])
    expect(envs).toBe(5)
  })
})

describe('running the seeded pipelines', () => {
  it('lets an operator start each pipeline; the one without gates runs to success through the scheduler', async () => {
    const { data: pipelines } = await operator.from('flow_templates').select('id, name').eq('project_id', DEMO.project).order('name')
    expect(pipelines!.length).toBeGreaterThanOrEqual(4)
    const started = new Map<string, { execution_id: string; status: string; version: string }>()
    for (const p of pipelines!) {
      const { data, error } = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: p.id } })
      expect([p.name, error?.message ?? null]).toEqual([p.name, null])
      expect(['running', 'paused']).toContain(data.status)
      started.set(p.name, data)
    }

    const fast = started.get('Payments API: build and deploy to dev')!
    expect(await until('the dev pipeline to finish', async () => {
      const status = await runStatus(fast.execution_id)
      return FINISHED.includes(status) ? status : undefined
    })).toBe('success')
    const shipped = await sql(stack, `select e.key, v.version_tag from public.deployments d join public.deployment_versions v on v.deployment_id = d.id
      join public.environments e on e.id = d.environment_id where d.execution_id = $1`, [fast.execution_id])
    expect(shipped).toEqual([{ key: 'dev', version_tag: fast.version }])
    const lines = await sql(stack, `select count(*)::int as n from public.execution_logs where execution_id = $1 and metadata ->> 'simulated' = 'true'`, [fast.execution_id])
    expect(lines[0].n).toBeGreaterThan(10)

    // The release goes as far as its staging gate and waits there for a person.
    const release = started.get('Payments API release')!
    expect(await until('the release to reach its staging gate', async () => (await runStatus(release.execution_id)) === 'paused' ? true : undefined)).toBe(true)
    const [gate] = await sql(stack, `select r.status, e.key from public.approval_requests r join public.environments e on e.id = r.environment_id
      where r.execution_id = $1 and r.node_id = 'approve-staging'`, [release.execution_id])
    expect(gate).toEqual({ status: 'pending', key: 'staging' })
  }, 120_000)

  it('keeps the seeded run in progress waiting on its production gate after the scheduler\'s ticks', async () => {
    const [run] = await sql(stack, 'select status, version from public.executions where id = $1', [DEMO.runningExecution])
    expect(run).toEqual({ status: 'paused', version: '1.100.0' })
    const nodes = Object.fromEntries((await sql(stack, 'select node_id, status from public.execution_nodes where execution_id = $1', [DEMO.runningExecution]))
      .map((n) => [n.node_id, n.status]))
    expect(nodes).toMatchObject({ 'deploy-staging': 'success', 'approve-prod': 'waiting', 'deploy-prod': 'pending', 'rollback-staging': 'skipped' })
    const [request] = await sql(stack, `select r.status, r.required_approvals, r.approval_count, e.key from public.approval_requests r
      join public.environments e on e.id = r.environment_id where r.execution_id = $1 and r.node_id = 'approve-prod'`, [DEMO.runningExecution])
    expect(request).toEqual({ status: 'pending', required_approvals: 3, approval_count: 1, key: 'prod' })
  })
})
