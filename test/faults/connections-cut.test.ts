// What a Postgres restart does to its clients, without stopping the stack: every connection to the database is
// cut (PostgREST's pool, the stack's, the functions', Realtime's LISTEN) while runs are running and a browser
// watches them. Everything must reconnect by itself: the runs finish exactly once and the watcher sees them finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, sql, startProjectStack } from '../data-model/demo.ts'
import { invoke, waitFor } from '../functions/helpers.ts'
import { createPipeline } from '../functions/runs.ts'
import type { TestStack } from '../helpers/stack.ts'

const RUNS = 5
let stack: TestStack

const step = { executor: { type: 'simulated', duration_ms: 2000, outcome: 'success', log_lines: ['working'] } }
const graph = {
  nodes: [
    { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'source', config: { repository: 'acme/payments-api' } } },
    { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: { label: 'build', config: step } },
    { id: 'deploy', type: 'deploy', position: { x: 400, y: 0 }, data: { label: 'deploy', config: { environment: 'dev' } } },
  ],
  edges: [['source', 'build'], ['build', 'deploy']].map(([source, target]) => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })),
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  stack = await startProjectStack()
})
afterAll(() => stack?.stop())

describe('Postgres connections cut', () => {
  it('runs finish once and a subscriber sees them finish after every database connection was cut', async () => {
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const finishedSeen = new Set<string>()
    const channel = operator.channel('watch-runs')
      .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'executions' }, (change) => {
        if ((change.new as any).status === 'success') finishedSeen.add((change.new as any).id)
      })
    await new Promise<void>((resolve) => channel.subscribe((status) => { if (status === 'SUBSCRIBED') resolve() }))

    const pipeline = await createPipeline(stack, 'connections cut', graph)
    const ids = await Promise.all(Array.from({ length: RUNS }, async () => (await invoke(operator, 'pipeline-execute', { flow_template_id: pipeline })).body.execution_id as string))
    await waitFor(async () => (await sql(stack, `select count(*)::int as n from public.execution_nodes where execution_id = any($1) and node_id = 'build' and status = 'running'`, [ids]))[0].n === RUNS || undefined, 30_000, 'the builds')

    const cut = await sql(stack, `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where pid <> pg_backend_pid() and datname = current_database() and backend_type = 'client backend'`)
    expect(cut[0].n).toBeGreaterThan(3) // PostgREST, the stack's pool, Realtime's listener, the functions' pools
    const unfinished = await sql(stack, `select count(*)::int as n from public.executions where id = any($1) and status <> 'success'`, [ids])
    expect(unfinished[0].n).toBe(RUNS)

    await waitFor(async () => (ids.every((id) => finishedSeen.has(id)) ? true : undefined), 60_000, 'the subscriber to see every run finish')
    const twice = await sql(stack, `select execution_id from public.execution_state_events where execution_id = any($1)
      group by execution_id, node_id, old_state, new_state having count(*) > 1`, [ids])
    expect(twice).toEqual([])
    const { data, error } = await operator.from('executions').select('status').in('id', ids)
    expect(error).toBeNull()
    expect(data!.map((r) => r.status)).toEqual(Array(RUNS).fill('success'))
    await operator.removeChannel(channel)
  }, 120_000)
})
