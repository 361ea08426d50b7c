// Faults in the middle of 20 running executions: first every Deno function worker is SIGKILLed (the gateway
// starts new ones on the next call), then the whole stack (CLI, Postgres, PostgREST, Deno) is SIGKILLed and
// started again on the same data folder. Every run must still finish, exactly once: no transition twice, no
// log line twice, one deployment each, none stuck.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import ws from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCliStack, type CliStack } from '../../bench/lib/cli-stack.ts'
import { removeCluster } from '../../stack/db/postgres.ts'
import { freePort } from '../../stack/net.ts'
import { DEMO, sql } from '../data-model/demo.ts'
import { invoke, waitFor } from '../functions/helpers.ts'
import { createPipeline } from '../functions/runs.ts'
import type { TestStack } from '../helpers/stack.ts'
import { alive, commandOf, descendants, killAll } from '../helpers/process-tree.ts'

const RUNS = 20
const STEP_MS = 3000
let dataDir: string
let cli: CliStack | undefined

async function start(fresh: boolean): Promise<TestStack> {
  cli = await startCliStack(
    ['--workdir', 'supabase', '--api-port', String(await freePort()), '--db-port', String(await freePort()), ...(fresh ? ['--fresh'] : [])],
    { OPZENIX_DATA_DIR: dataDir, OPZENIX_TICK_MS: '200', OPZENIX_NOTIFY_MS: '0', OPZENIX_HEALTH_CHECK_MS: '0' },
  )
  const { apiUrl, dbUrl, anonKey, serviceRoleKey } = cli
  const client = (key: string) => createClient(apiUrl, key, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as any } })
  return { apiUrl, dbUrl, anonKey, serviceRoleKey, client, anon: () => client(anonKey), service: () => client(serviceRoleKey) } as unknown as TestStack
}

const sim = (label: string) => ({ label, config: { executor: { type: 'simulated', duration_ms: STEP_MS, outcome: 'success', log_lines: [`${label} line 1`, `${label} line 2`] } } })
const graph = {
  nodes: [
    { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'source', config: { repository: 'acme/payments-api' } } },
    { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: sim('build') },
    { id: 'test', type: 'test', position: { x: 400, y: 0 }, data: sim('test') },
    { id: 'deploy', type: 'deploy', position: { x: 600, y: 0 }, data: { label: 'deploy', config: { environment: 'dev' } } },
  ],
  edges: [['source', 'build'], ['build', 'test'], ['test', 'deploy']].map(([source, target]) => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })),
}

const nodesIn = async (stack: TestStack, ids: string[], nodeId: string, status: string) =>
  (await sql(stack, `select count(*)::int as n from public.execution_nodes where execution_id = any($1) and node_id = $2 and status = $3`, [ids, nodeId, status]))[0].n as number
const unfinished = async (stack: TestStack, ids: string[]) =>
  (await sql(stack, `select count(*)::int as n from public.executions where id = any($1) and status in ('queued', 'running', 'paused')`, [ids]))[0].n as number

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-faults-'))
})
afterAll(async () => {
  await cli?.stop()
  await removeCluster(dataDir)
  await rm(dataDir, { recursive: true, force: true })
})

describe('faults', () => {
  it('20 runs finish exactly once through a killed functions runtime and a SIGKILLed stack restarted on its data', async () => {
    let stack = await start(true)
    const operator = stack.anon()
    const { error } = await operator.auth.signInWithPassword({ email: 'operator@opzenix.dev', password: DEMO.password })
    expect(error).toBeNull()
    const pipeline = await createPipeline(stack, 'fault drill', graph)
    const started = await Promise.all(Array.from({ length: RUNS }, () => invoke(operator, 'pipeline-execute', { flow_template_id: pipeline })))
    const ids = started.map((s) => { expect(s.status).toBe(201); return s.body.execution_id as string })

    // 1. Every Deno worker dies while the builds run; the next scheduler tick meets a new engine-tick worker.
    await waitFor(async () => (await nodesIn(stack, ids, 'build', 'running')) === RUNS || undefined, 60_000, 'every build to run')
    const workers = descendants(cli!.child.pid!).filter((pid) => commandOf(pid) === 'deno')
    expect(workers.length).toBeGreaterThan(0)
    expect(killAll(workers).length).toBe(workers.length)
    expect(await unfinished(stack, ids)).toBe(RUNS)

    // 2. Once tests are running, the whole stack is SIGKILLed: the CLI and everything under it at once.
    await waitFor(async () => (await nodesIn(stack, ids, 'test', 'running')) > 0 || undefined, 60_000, 'a test step to run')
    const tree = [cli!.child.pid!, ...descendants(cli!.child.pid!)]
    expect(tree.map(commandOf)).toEqual(expect.arrayContaining(['postgres', 'postgrest', 'deno']))
    killAll(tree)
    await cli!.stop() // resolves once the killed CLI has exited
    // A SIGKILLed process lingers until it is reaped; Postgres refuses to start while its old postmaster's PID lives.
    await waitFor(async () => tree.every((pid) => !alive(pid)) || undefined, 30_000, 'the killed processes to be gone')

    // 3. The same data folder again: Postgres recovers, the engine carries on from what it had committed.
    stack = await start(false)
    const restartedAt = performance.now()
    const left = await unfinished(stack, ids)
    expect(left).toBeGreaterThan(0) // the kill did land mid-run
    await waitFor(async () => (await unfinished(stack, ids)) === 0 || undefined, 90_000, 'every run to finish')
    // Figures for docs/operations.md (printed, never asserted).
    console.log(`restart after SIGKILL: ready in ${Math.round(cli!.readyMs)} ms; ${left} unfinished runs done ${Math.round(performance.now() - restartedAt)} ms later`)

    const statuses = await sql(stack, `select status, count(*)::int as n from public.executions where id = any($1) group by status`, [ids])
    expect(statuses).toEqual([{ status: 'success', n: RUNS }])
    const twice = await sql(stack, `select execution_id, node_id, old_state, new_state, count(*)::int as n from public.execution_state_events
      where execution_id = any($1) group by 1, 2, 3, 4 having count(*) > 1`, [ids])
    expect(twice).toEqual([])
    const nodeEvents = await sql(stack, `select count(*)::int as n from public.execution_state_events where execution_id = any($1) and node_id = 'build'
      and ((old_state = 'pending' and new_state = 'running') or (old_state = 'running' and new_state = 'success'))`, [ids])
    expect(nodeEvents[0].n).toBe(RUNS * 2)
    const deployments = await sql(stack, `select execution_id, count(*)::int as n from public.deployments where execution_id = any($1) group by 1`, [ids])
    expect(deployments).toHaveLength(RUNS)
    expect(deployments.every((d) => d.n === 1)).toBe(true)
    const lines = await sql(stack, `select node_id, message, count(*)::int as n from public.execution_logs where execution_id = any($1)
      group by execution_id, node_id, message having count(*) > 1`, [ids])
    expect(lines).toEqual([])
  }, 240_000)
})
