// Engine benchmark: 100 runs × 20 simulated nodes started through pipeline-execute, then carried to the end
// by engine-tick calls (as the scheduler makes them, plus a second caller racing it). Figures: node
// transitions per second, tick latency, and a check that no transition was lost or applied twice (every node
// moves pending → running → success exactly once; every run queued → running → success).
//
// Run: npx tsx bench/engine.ts        (RUNS=20 for a quick look)
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const RUNS = Number(process.env.RUNS ?? 100)
const LANES = 3
const PER_LANE = 5 // 3 × 5 work stages + source, fan-out, join, checkpoint, deploy = 20 nodes
const START_CONCURRENCY = 8
const TICK_CALLERS = 2
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../supabase')
const PROJECT_ID = '20000000-0000-4000-a000-000000000001'

function pipeline() {
  const kinds = ['build', 'test', 'security_scan']
  const nodes: Array<{ id: string; type: string; data: { label: string; config: Record<string, unknown> } }> = []
  const edges: Array<{ id: string; source: string; target: string }> = []
  const add = (id: string, type: string, config: Record<string, unknown>) => nodes.push({ id, type, data: { label: id, config } })
  const link = (source: string, target: string) => edges.push({ id: `${source}->${target}`, source, target })
  add('src', 'source', { repository: 'acme/payments-api' })
  add('fan', 'parallel_group', {})
  link('src', 'fan')
  for (let lane = 0; lane < LANES; lane++) {
    for (let i = 0; i < PER_LANE; i++) {
      const id = `l${lane}-${i}`
      const executor = { type: 'simulated', duration_ms: 50 + ((lane * 7 + i * 13) % 5) * 50, outcome: 'success', log_lines: [`${id} working`, `${id} done`] }
      add(id, kinds[(lane + i) % 3], { executor })
      link(i === 0 ? 'fan' : `l${lane}-${i - 1}`, id)
    }
  }
  add('join', 'test', { executor: { type: 'simulated', duration_ms: 100, outcome: 'success', log_lines: [] } })
  for (let lane = 0; lane < LANES; lane++) link(`l${lane}-${PER_LANE - 1}`, 'join')
  add('cp', 'checkpoint', { label: 'tested' })
  add('deploy', 'deploy', { environment: 'dev', strategy: 'rolling' })
  link('join', 'cp')
  link('cp', 'deploy')
  return { nodes, edges }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-engine-'))
const stack = await startCliStack(
  ['--workdir', PROJECT, '--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'],
  { OPZENIX_DATA_DIR: dataDir, OPZENIX_TICK_MS: '0' }, // this bench makes the ticks itself
)
const db = new pg.Pool({ connectionString: stack.dbUrl, max: 4 })
try {
  const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as any } }
  const operator = createClient(stack.apiUrl, stack.anonKey, options)
  const { error: signInError } = await operator.auth.signInWithPassword({ email: 'operator@opzenix.dev', password: 'opzenix-demo' })
  if (signInError) throw signInError
  const graph = pipeline()
  const { data: template, error } = await operator.from('flow_templates')
    .insert({ project_id: PROJECT_ID, name: 'engine bench', nodes: graph.nodes, edges: graph.edges }).select('id').single()
  if (error) throw error
  const tickUrl = `${stack.apiUrl}/functions/v1/engine-tick`
  const tick = async () => {
    const t = performance.now()
    const res = await fetch(tickUrl, {
      method: 'POST', body: '{}',
      headers: { authorization: `Bearer ${stack.serviceRoleKey}`, apikey: stack.serviceRoleKey, 'content-type': 'application/json' },
    })
    const body = await res.json()
    if (res.status !== 200 || body.errors.length > 0) throw new Error(`engine-tick ${res.status}: ${JSON.stringify(body).slice(0, 500)}`)
    return { ms: performance.now() - t, ...body }
  }
  await tick() // warm the function's worker; settles the seeded demo run too
  // Time spent inside engine_apply, to tell database work from HTTP and function overhead.
  await db.query(`alter system set track_functions = 'pl'`)
  await db.query('select pg_reload_conf()')
  await db.query('select pg_stat_reset()')

  const eventsBefore = Number((await db.query('select count(*) from public.execution_state_events')).rows[0].count)
  const started = performance.now()
  const ids: string[] = []
  const startMs: number[] = []
  let next = 0
  await Promise.all(Array.from({ length: START_CONCURRENCY }, async () => {
    while (next < RUNS) {
      next++
      const t = performance.now()
      const { data, error } = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: template.id } })
      if (error) throw error
      startMs.push(performance.now() - t)
      ids.push(data.execution_id)
    }
  }))
  const startedAll = performance.now()

  const tickMs: number[] = []
  let conflicts = 0
  let reported = 0
  let done = false
  const active = async () => Number((await db.query(
    `select count(*) from public.executions where id = any($1) and status in ('queued', 'running', 'paused')`, [ids])).rows[0].count)
  await Promise.all(Array.from({ length: TICK_CALLERS }, async () => {
    while (!done) {
      const r = await tick()
      tickMs.push(r.ms)
      conflicts += r.conflicts
      reported += r.transitions
      if (r.transitions === 0 && (await active()) === 0) done = true
    }
  }))
  const finished = performance.now()

  const { rows: perNode } = await db.query(`
    select n.execution_id, n.node_id, n.status,
      coalesce(array_agg(e.old_state || '>' || e.new_state order by e.id) filter (where e.id is not null), '{}') as moves
    from public.execution_nodes n
    left join public.execution_state_events e on e.execution_id = n.execution_id and e.node_id = n.node_id
    where n.execution_id = any($1)
    group by n.execution_id, n.node_id, n.status`, [ids])
  const { rows: perRun } = await db.query(`
    select x.id, x.status, array_agg(e.old_state || '>' || e.new_state order by e.id) as moves,
      (select count(*) from public.deployments d where d.execution_id = x.id) as deployments
    from public.executions x join public.execution_state_events e on e.execution_id = x.id and e.node_id is null
    where x.id = any($1) group by x.id`, [ids])
  const { rows: fnStats } = await db.query(`select funcname, calls, total_time from pg_stat_user_functions where funcname in ('engine_apply', 'engine_create_execution')`)
  const fn = (name: string) => fnStats.find((r) => r.funcname === name)
  const eventsAfter = Number((await db.query('select count(*) from public.execution_state_events')).rows[0].count)

  const nodeOk = (m: string[], s: string) => s === 'success' && m.length === 2 && m[0] === 'pending>running' && m[1] === 'running>success'
  const lostOrDuplicated = perNode.filter((r) => !nodeOk(r.moves, r.status)).length
  const badRuns = perRun.filter((r) => r.status !== 'success' || r.moves.join() !== 'queued>running,running>success' || Number(r.deployments) !== 1).length
    + (RUNS - perRun.length)
  const nodeTransitions = perNode.reduce((sum, r) => sum + r.moves.length, 0)
  const seconds = (finished - started) / 1000
  const figures = {
    runs: RUNS, nodes_per_run: LANES * PER_LANE + 5, tick_callers: TICK_CALLERS,
    load_average_1m: Math.round(os.loadavg()[0] * 10) / 10, // other work on the machine skews every figure below
    node_transitions: nodeTransitions,
    execution_transitions: perRun.reduce((sum, r) => sum + r.moves.length, 0),
    wall_seconds: Math.round(seconds * 100) / 100,
    start_seconds: Math.round((startedAll - started) / 10) / 100, // 100 pipeline-execute calls, each with a first tick
    tick_phase_seconds: Math.round((finished - startedAll) / 10) / 100,
    node_transitions_per_second: Math.round(nodeTransitions / seconds),
    pipeline_execute_ms: summarize(startMs),
    engine_tick_ms: summarize(tickMs),
    tick_calls: tickMs.length,
    conflicts_left_to_the_winner: conflicts,
    engine_apply_calls: Number(fn('engine_apply')?.calls ?? 0),
    engine_apply_mean_ms: fn('engine_apply') ? Math.round(fn('engine_apply').total_time / fn('engine_apply').calls * 100) / 100 : null,
    engine_apply_total_seconds: fn('engine_apply') ? Math.round(fn('engine_apply').total_time / 10) / 100 : null,
    nodes_lost_or_duplicated: lostOrDuplicated,
    runs_wrong: badRuns,
    state_events_written: eventsAfter - eventsBefore,
    state_events_expected: RUNS * ((LANES * PER_LANE + 5) * 2 + 2),
  }
  console.log(JSON.stringify(figures, null, 2))
  const ok = await report('engine', figures, [
    target('nodes lost or transitioned twice', '<=', 0, lostOrDuplicated),
    target('runs not ending queued → running → success with one deployment', '<=', 0, badRuns),
    target('state events beyond one per transition', '<=', 0, Math.abs(figures.state_events_written - figures.state_events_expected)),
  ])
  process.exitCode = ok ? 0 : 1
} finally {
  await db.end()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
