// Postgres alone restarted (a fast shutdown of the embedded postmaster, a few seconds down, then started again on
// the same data folder and port) while 20 runs are mid-build, a signed-in browser watches them through Realtime and
// GitHub deliveries keep arriving. Nothing else is restarted. Afterwards every run has finished exactly once (no
// transition twice, one deployment each, no log line twice), the watcher saw each finish, and every delivery
// GitHub was told was received is stored once and finished; those refused during the outage are stored once
// when redelivered, as an operator's Redeliver (or GitHub's retry) sends them again.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDatabase, type RunningDatabase } from '../../stack/db/postgres.ts'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { invoke, waitFor } from '../functions/helpers.ts'
import { createPipeline } from '../functions/runs.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { alive } from '../helpers/process-tree.ts'
import { deliver, example } from '../github/webhook-client.ts'

const RUNS = 20
const DOWN_MS = 3000
const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const SECRET = 'whsec_demo_acme_payments_0f9d2c'

let stack: ProjectStack
let restarted: RunningDatabase | undefined

const step = (label: string) => ({ label, config: { executor: { type: 'simulated', duration_ms: 3000, outcome: 'success', log_lines: [`${label} line 1`, `${label} line 2`] } } })
const graph = {
  nodes: [
    { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'source', config: { repository: 'acme/payments-api' } } },
    { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: step('build') },
    { id: 'test', type: 'test', position: { x: 400, y: 0 }, data: step('test') },
    { id: 'deploy', type: 'deploy', position: { x: 600, y: 0 }, data: { label: 'deploy', config: { environment: 'dev' } } },
  ],
  edges: [['source', 'build'], ['build', 'test'], ['test', 'deploy']].map(([source, target]) => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })),
}

interface Sent { deliveryId: string; event: string; payload: unknown; status: number }

/** Deliveries one after another (pings and pushes to an unmapped branch) until `stop()`; a refused one is kept for redelivery. */
function keepDelivering(url: string) {
  const sent: Sent[] = []
  let stopped = false
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      const event = i % 2 ? 'push' : 'ping'
      const payload = event === 'push'
        ? { ...example('push', (p) => p.ref === 'refs/heads/master'), ref: `refs/heads/topic/restart-${i}`, after: randomUUID().replace(/-/g, '').padEnd(40, '0') }
        : example('ping')
      const deliveryId = randomUUID()
      const answer = await deliver(url, event, payload, { secret: SECRET, deliveryId }).catch(() => ({ status: 0 }))
      sent.push({ deliveryId, event, payload, status: answer.status })
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
  })()
  return { sent, stop: async () => { stopped = true; await loop } }
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '200'
  process.env.OPZENIX_NOTIFY_MS = '0'
  process.env.OPZENIX_HEALTH_CHECK_MS = '0'
  stack = await startProjectWithEnv({})
}, 120_000)
afterAll(async () => {
  await restarted?.stop() // first: the stack's stop deletes the cluster (its own postmaster is long gone)
  await stack?.stop()
})

const unfinished = async (ids: string[]) =>
  (await sql(stack, `select count(*)::int as n from public.executions where id = any($1) and status in ('queued', 'running', 'paused')`, [ids]))[0].n as number

describe('Postgres restarted under load', () => {
  it('20 runs finish once, the watcher sees them finish and every delivery is stored once and finished', async () => {
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const finishedSeen = new Set<string>()
    const channel = operator.channel('watch-restart')
      .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'executions' }, (change) => {
        if ((change.new as any).status === 'success') finishedSeen.add((change.new as any).id)
      })
    await new Promise<void>((resolve) => channel.subscribe((status) => { if (status === 'SUBSCRIBED') resolve() }))

    const hook = `${stack.functionsUrl}/github-webhook/${INTEGRATION}`
    expect((await deliver(hook, 'ping', example('ping'), { secret: SECRET })).status).toBe(202) // seals the seeded secret first
    const pipeline = await createPipeline(stack, 'postgres restart drill', graph)
    const webhooks = keepDelivering(hook)
    const started = await Promise.all(Array.from({ length: RUNS }, () => invoke(operator, 'pipeline-execute', { flow_template_id: pipeline })))
    const ids = started.map((s) => { expect(s.status).toBe(201); return s.body.execution_id as string })
    await waitFor(async () => (await sql(stack, `select count(*)::int as n from public.execution_nodes
      where execution_id = any($1) and node_id = 'build' and status = 'running'`, [ids]))[0].n === RUNS || undefined, 60_000, 'every build to run')
    await waitFor(async () => webhooks.sent.filter((s) => s.status === 202).length >= 20 || undefined, 30_000, 'deliveries to flow')

    // Postgres alone: a fast shutdown of the postmaster (open transactions roll back, every client is cut off).
    const pid = stack.pids[0]
    process.kill(pid, 'SIGINT')
    await waitFor(async () => !alive(pid) || undefined, 30_000, 'the postmaster to stop')
    const downAt = performance.now()
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS))
    const beforeBack = webhooks.sent.length
    restarted = await startDatabase({ dataDir: stack.config.dataDir, port: stack.config.dbPort, ephemeral: true })
    const upAt = performance.now()
    expect(restarted.fresh).toBe(false)
    const left = await unfinished(ids)
    expect(left).toBe(RUNS) // the restart did land mid-run

    await waitFor(async () => (await operator.from('executions').select('id').limit(1)).error ? undefined : true, 60_000, 'REST to answer again')
    const restAt = performance.now()
    await waitFor(async () => (await unfinished(ids)) === 0 || undefined, 90_000, 'every run to finish')
    const doneAt = performance.now()
    await waitFor(async () => (ids.every((id) => finishedSeen.has(id)) ? true : undefined), 30_000, 'the watcher to see every run finish')
    await webhooks.stop()

    const statuses = await sql(stack, `select status, count(*)::int as n from public.executions where id = any($1) group by status`, [ids])
    expect(statuses).toEqual([{ status: 'success', n: RUNS }])
    const twice = await sql(stack, `select execution_id, node_id, old_state, new_state, count(*)::int as n from public.execution_state_events
      where execution_id = any($1) group by 1, 2, 3, 4 having count(*) > 1`, [ids])
    expect(twice).toEqual([])
    const deployments = await sql(stack, `select execution_id, count(*)::int as n from public.deployments where execution_id = any($1) group by 1`, [ids])
    expect(deployments).toHaveLength(RUNS)
    expect(deployments.every((d) => d.n === 1)).toBe(true)
    const lines = await sql(stack, `select node_id, message from public.execution_logs where execution_id = any($1)
      group by execution_id, node_id, message having count(*) > 1`, [ids])
    expect(lines).toEqual([])

    // Deliveries: those refused while Postgres was away are sent again, as GitHub's Redeliver sends them.
    const refused = webhooks.sent.filter((s) => s.status !== 202)
    expect(refused.length).toBeGreaterThan(0) // some did meet the outage
    for (const s of refused) {
      const again = await deliver(hook, s.event, s.payload, { secret: SECRET, deliveryId: s.deliveryId })
      expect([200, 202]).toContain(again.status) // 200: stored before the answer was lost, now a duplicate
    }
    const ids2 = webhooks.sent.map((s) => s.deliveryId)
    const stored = await sql(stack, `select delivery_id, count(*)::int as n from public.webhook_deliveries where delivery_id = any($1) group by 1`, [ids2])
    expect(stored).toHaveLength(ids2.length)
    expect(stored.every((r) => r.n === 1)).toBe(true)

    // Deliveries cut off mid-way are finished by the sweep (received: after 1 minute; processing: after 10). The
    // clock is moved on for those rows only, and the sweep runs after a later delivery (at most every 30 s per worker).
    const stuck = await sql(stack, `update public.webhook_deliveries set received_at = received_at - interval '11 minutes'
      where delivery_id = any($1) and status in ('received', 'processing') returning delivery_id, status`, [ids2])
    if (stuck.length > 0) {
      await waitFor(async () => {
        await deliver(hook, 'ping', example('ping'), { secret: SECRET })
        const [{ n }] = await sql(stack, `select count(*)::int as n from public.webhook_deliveries where delivery_id = any($1) and status in ('received', 'processing')`, [ids2])
        return n === 0 || undefined
      }, 90_000, 'the sweep to finish the deliveries the restart cut off')
    }
    const outcomes = await sql(stack, `select status, count(*)::int as n from public.webhook_deliveries where delivery_id = any($1) group by 1 order by 1`, [ids2])
    expect(outcomes.map((o) => o.status).every((s) => s === 'processed' || s === 'ignored')).toBe(true)

    // Figures for docs/operations.md (printed, never asserted).
    console.log(`postgres restart: down ${Math.round(upAt - downAt)} ms; REST answered ${Math.round(restAt - upAt)} ms after Postgres was back; ` +
      `${RUNS} runs all finished ${Math.round(doneAt - upAt)} ms after; ${webhooks.sent.length} deliveries (${beforeBack} sent before Postgres was back), ` +
      `${refused.length} refused and redelivered, ${stuck.length} cut off mid-way and swept (${stuck.map((s) => s.status).join(', ')})`)
    await operator.removeChannel(channel)
  }, 300_000)
})
