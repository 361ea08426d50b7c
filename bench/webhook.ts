// Webhook benchmark: signed GitHub deliveries through the gateway to github-webhook on a fresh stack of the
// real project, CONCURRENCY at a time: acknowledgements per second and acknowledgement latency (p50/p99).
// The mix is pings, pushes to an unmapped branch, pushes that start a run, and redeliveries of ids already
// sent. Afterwards every delivery must have been stored once and processed once, and each mapped push must
// have started exactly one execution.
// The raw Postgres figure of the same run: the unique deliveries' rows inserted through `pg`, CONCURRENCY at a
// time, one delivery per statement and commit (the function's own unnest insert, unbatched), into a copy of
// webhook_deliveries (same columns, constraints and indexes; no triggers, so no processing starts). The
// acknowledgement rate is printed as a ratio to it.
//
// Run: npx tsx bench/webhook.ts
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sign } from '@octokit/webhooks-methods'
import examples from '@octokit/webhooks-examples' with { type: 'json' }
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'
import { clientCpu, cpuSpent, treeCpu } from './lib/cpu.ts'

const UNIQUE = 4000
const REDELIVERIES = 400
const MAPPED_PUSHES = 40
const WARMUP = 200
const CONCURRENCY = 32
const SWEEP = [8, 16, 64] // further concurrencies, SWEEP_DELIVERIES fresh deliveries each
const SWEEP_DELIVERIES = 1000
const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const PROJECT = '20000000-0000-4000-a000-000000000001'
const DEV = '30000000-0000-4000-a000-000000000001'
const WORKDIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../supabase')

type Example = { name: string; examples: Record<string, any>[] }
const payloadOf = (event: string) => structuredClone((examples as unknown as Example[]).find((e) => e.name === event)!.examples.find((p) => event !== 'push' || p.ref === 'refs/heads/master')!)
const hex = () => randomUUID().replace(/-/g, '')

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-webhook-'))
const stack = await startCliStack(
  ['--workdir', WORKDIR, '--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'],
  { OPZENIX_DATA_DIR: dataDir },
)
const db = new pg.Pool({ connectionString: stack.dbUrl, max: 2 })
try {
  const admin = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as any } })
  const { error: signInError } = await admin.auth.signInWithPassword({ email: 'admin@opzenix.dev', password: 'opzenix-demo' })
  if (signInError) throw signInError
  const { data: rotated, error } = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  const secret: string = rotated.secret
  const { rows: [flow] } = await db.query(
    `insert into public.flow_templates (project_id, name, type, nodes, edges) values ($1, 'Bench pipeline', 'cicd', $2, $3) returning id`,
    [PROJECT, JSON.stringify([
      { id: 'src', kind: 'source', config: { repository: 'acme/payments-api' } },
      { id: 'build', kind: 'build', config: { executor: { type: 'simulated', duration_ms: 0 } } },
      { id: 'deploy', kind: 'deploy', config: { environment: 'dev' } },
    ]), JSON.stringify([{ source: 'src', target: 'build' }, { source: 'build', target: 'deploy' }])],
  )
  await db.query(`insert into public.branch_mappings (project_id, github_integration_id, branch_pattern, environment_id, flow_template_id, position)
    values ($1, $2, 'bench/*', $3, $4, -1)`, [PROJECT, INTEGRATION, DEV, flow.id])

  // Everything signed before the clock starts: the bench measures the server, not HMAC in the client.
  interface Delivery { id: string; event: string; body: string; signature: string; redelivery: boolean }
  const make = async (event: string, payload: unknown, id = randomUUID(), redelivery = false): Promise<Delivery> => {
    const body = JSON.stringify(payload)
    return { id, event, body, signature: await sign(secret, body), redelivery }
  }
  const ping = payloadOf('ping')
  const push = (branch: string) => ({ ...payloadOf('push'), ref: `refs/heads/${branch}`, after: `${hex()}${hex()}`.slice(0, 40) })
  const warmup = await Promise.all(Array.from({ length: WARMUP }, () => make('ping', ping)))
  const unique: Delivery[] = await Promise.all(Array.from({ length: UNIQUE }, (_, i) =>
    i < MAPPED_PUSHES ? make('push', push(`bench/${i}`)) : i % 2 ? make('push', push(`topic/${i}`)) : make('ping', ping)))
  const again = unique.filter((_, i) => i % Math.floor(UNIQUE / REDELIVERIES) === 0).slice(0, REDELIVERIES)
  const all = [...unique]
  for (const d of again) all.splice(all.indexOf(d) + 50, 0, { ...d, redelivery: true })

  // Keep-alive sockets, as many as requests in flight (undici is not among the installed packages; this
  // agent reuses connections the same way).
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(CONCURRENCY, ...SWEEP) })
  const url = new URL(`${stack.apiUrl}/functions/v1/github-webhook/${INTEGRATION}`)
  type Answer = { status: number; body: string; ms: number; timing: Record<string, number> }
  const timingOf = (header: unknown) => Object.fromEntries(String(header ?? '').split(',').filter(Boolean)
    .map((part) => { const [name, dur] = part.trim().split(';dur='); return [name, Number(dur)] }))
  const send = (d: Delivery) => new Promise<Answer>((resolve, reject) => {
    const t = performance.now()
    const req = http.request(url, { method: 'POST', agent, headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(d.body), 'x-github-event': d.event,
      'x-github-delivery': d.id, ...(d.signature ? { 'x-hub-signature-256': d.signature } : {}),
    } }, (res) => {
      let body = ''
      res.on('data', (c) => { body += c })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - t, timing: timingOf(res.headers['server-timing']) }))
    })
    req.on('error', reject)
    req.end(d.body)
  })
  const run = async (list: Delivery[], concurrency = CONCURRENCY) => {
    let next = 0
    const answers: Array<{ d: Delivery } & Answer> = []
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const d = list[next++]
        answers.push({ d, ...(await send(d)) })
      }
    }))
    return answers
  }

  await run(warmup)
  const cpuBefore = treeCpu(stack.child.pid!)
  const clientBefore = clientCpu()
  const started = performance.now()
  const answers = await run(all)
  const seconds = (performance.now() - started) / 1000
  const cpu = { ...cpuSpent(cpuBefore, treeCpu(stack.child.pid!)), bench_client: Math.round((clientCpu() - clientBefore) * 100) / 100 }
  const latency = summarize(answers.map((a) => a.ms))
  const perSecond = Math.round(all.length / seconds)
  const loadDuringRun = os.loadavg()[0]

  // Where an acknowledgement's time goes: the function's own steps (Server-Timing) and the rest of the path
  // (client → gateway → functions host → Deno worker and back), per stored delivery.
  const timed = answers.filter((a) => a.timing.total !== undefined)
  const step = (name: string) => summarize(timed.map((a) => a.timing[name]))
  const breakdown = {
    note: 'ms per acknowledged delivery; queued = waiting for the next batched insert, insert = that batch\'s insert + commit (batch = deliveries sharing it); outside_function = client-measured latency minus the function\'s total (bench client, gateway, functions host, Deno HTTP)',
    read_body: step('read'), integration_and_secret: step('integration'), verify_hmac: step('verify'), parse_json: step('parse'),
    queued: step('queued'), insert_commit: step('insert'), batch_size: step('batch'), function_total: step('total'),
    outside_function: summarize(timed.map((a) => a.ms - a.timing.total)),
    cpu_seconds: cpu, cpu_ms_per_delivery: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round(v / all.length * 1e5) / 100])),
  }

  // Concurrency sweep: fresh deliveries (pings and unmapped pushes), so the rate is not the client's choice.
  const sweep: Array<{ concurrency: number; deliveries_per_s: number; ack_latency_ms: ReturnType<typeof summarize> }> = []
  const sweepIds: string[] = []
  for (const concurrency of SWEEP) {
    const list = await Promise.all(Array.from({ length: SWEEP_DELIVERIES }, (_, i) => i % 2 ? make('push', push(`topic/s${i}`)) : make('ping', ping)))
    sweepIds.push(...list.map((d) => d.id))
    const t = performance.now()
    const got = await run(list, concurrency)
    if (got.some((a) => a.status !== 202)) throw new Error(`sweep at ${concurrency}: unexpected answers`)
    sweep.push({ concurrency, deliveries_per_s: Math.round(list.length / ((performance.now() - t) / 1000)), ack_latency_ms: summarize(got.map((a) => a.ms)) })
  }

  // Where the time goes: the same path with no database work (an unsigned delivery is refused first).
  const unsigned = all.slice(0, 2000).map((d) => ({ ...d, signature: '' }))
  const ceilingStart = performance.now()
  const refused = await run(unsigned)
  const ceilingPerSecond = Math.round(unsigned.length / ((performance.now() - ceilingStart) / 1000))
  const ceilingLatency = summarize(refused.map((a) => a.ms))

  // Raw Postgres: the same rows, one insert and commit each, CONCURRENCY at a time, into a trigger-less copy
  // (after the HTTP runs: a pause between them would leave the client's kept-alive sockets to time out).
  await db.query('create table public.bench_raw_webhook_deliveries (like public.webhook_deliveries including all)')
  const rawPool = new pg.Pool({ connectionString: stack.dbUrl, max: CONCURRENCY })
  const rawInsert = (d: Delivery) => rawPool.query(
    `insert into public.bench_raw_webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, payload)
     select v.provider, v.delivery_id, v.event, v.project_id, v.integration_id, v.payload::jsonb
     from unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[]) as v (provider, delivery_id, event, project_id, integration_id, payload)
     on conflict (provider, delivery_id) do nothing returning id`,
    [['github'], [d.id], [d.event], [PROJECT], [INTEGRATION], [d.body]],
  )
  const rawLatencies: number[] = []
  let rawNext = 0
  const rawStart = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (rawNext < unique.length) {
      const d = unique[rawNext++]
      const t = performance.now()
      await rawInsert(d)
      rawLatencies.push(performance.now() - t)
    }
  }))
  const rawPerSecond = Math.round(unique.length / ((performance.now() - rawStart) / 1000))
  const rawLatency = summarize(rawLatencies)
  await rawPool.end()
  await db.query('drop table public.bench_raw_webhook_deliveries')

  const wrong = answers.filter((a) => a.d.redelivery ? a.status !== 200 && a.status !== 202 : a.status !== 202)
  const duplicatesAcked = answers.filter((a) => a.status === 200 && JSON.parse(a.body).duplicate).length
  // Processing happens after the acknowledgement: wait for it to drain before counting.
  const ids = [...unique.map((d) => d.id), ...sweepIds]
  let pending = Infinity
  const drainStart = performance.now()
  while (pending > 0 && performance.now() - drainStart < 120_000) {
    pending = Number((await db.query(`select count(*) from public.webhook_deliveries where delivery_id = any($1) and status in ('received', 'processing')`, [ids])).rows[0].count)
    if (pending > 0) await new Promise((r) => setTimeout(r, 200))
  }
  const drainMs = Math.round(performance.now() - drainStart)
  const { rows: [stored] } = await db.query(
    `select count(*)::int as rows, count(distinct delivery_id)::int as distinct_ids, count(*) filter (where attempts <> 1)::int as not_once,
            count(*) filter (where status = 'failed')::int as failed
     from public.webhook_deliveries where delivery_id = any($1)`, [ids])
  const { rows: [runs] } = await db.query(`select count(*)::int as n, count(distinct commit_sha)::int as shas from public.executions where branch like 'bench/%'`)
  const lost = ids.length - stored.distinct_ids
  const twice = stored.rows - stored.distinct_ids + stored.not_once + Math.max(0, runs.n - runs.shas)

  console.log(`Webhook deliveries through the gateway: ${all.length} requests (${UNIQUE} unique, ${again.length} redeliveries), ${CONCURRENCY} concurrent`)
  console.log(`  ${perSecond} deliveries/s acknowledged; latency median ${latency.median} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms`)
  console.log(`  breakdown (median / p99 ms): read ${breakdown.read_body.median}/${breakdown.read_body.p99}, verify ${breakdown.verify_hmac.median}/${breakdown.verify_hmac.p99}, parse ${breakdown.parse_json.median}/${breakdown.parse_json.p99}, queued ${breakdown.queued.median}/${breakdown.queued.p99}, insert+commit ${breakdown.insert_commit.median}/${breakdown.insert_commit.p99} (batch ${breakdown.batch_size.median}), function ${breakdown.function_total.median}/${breakdown.function_total.p99}, outside the function ${breakdown.outside_function.median}/${breakdown.outside_function.p99}`)
  console.log(`  CPU seconds during the run: ${JSON.stringify(cpu)} (load average ${loadDuringRun.toFixed(2)})`)
  for (const r of sweep) console.log(`  concurrency ${r.concurrency}: ${r.deliveries_per_s}/s, p99 ${r.ack_latency_ms.p99} ms`)
  console.log(`  same path without database work (unsigned, refused 401): ${ceilingPerSecond}/s, p99 ${ceilingLatency.p99} ms`)
  const rawRatio = Math.round((rawPerSecond / perSecond) * 100) / 100
  console.log(`  raw pg, same rows, one insert+commit each, ${CONCURRENCY} concurrent: ${rawPerSecond}/s, p99 ${rawLatency.p99} ms; raw rate is ${rawRatio}× the acknowledged rate`)
  console.log(`  unexpected answers ${wrong.length}; redeliveries answered duplicate ${duplicatesAcked}`)
  console.log(`  stored ${stored.distinct_ids}/${ids.length} (lost ${lost}), processed more than once ${twice}, failed ${stored.failed}; processing drained ${drainMs} ms after the last ack`)
  console.log(`  mapped pushes ${MAPPED_PUSHES} → executions ${runs.n}`)
  const pass = await report('webhook', {
    requests: all.length, unique: UNIQUE, redeliveries: again.length, mapped_pushes: MAPPED_PUSHES, concurrency: CONCURRENCY,
    seconds: Math.round(seconds * 100) / 100, deliveries_per_s: perSecond, ack_latency_ms: latency,
    load_average_during_run: Math.round(loadDuringRun * 100) / 100, breakdown, concurrency_sweep: sweep,
    unexpected_answers: wrong.length, duplicates_acknowledged: duplicatesAcked, lost, processed_twice: twice,
    failed: stored.failed, executions_started: runs.n, drain_ms: drainMs,
    unsigned_refusals_per_s: ceilingPerSecond, unsigned_refusal_latency_ms: ceilingLatency,
    raw_pg_inserts_per_s: rawPerSecond, raw_pg_insert_latency_ms: rawLatency, raw_pg_rate_over_ack_rate: rawRatio,
    load_average_at_end: os.loadavg().map((l) => Math.round(l * 10) / 10),
  }, [
    target('deliveries acknowledged per second', '>=', 500, perSecond),
    target('p99 acknowledgement latency ms', '<=', 100, latency.p99),
    target('deliveries lost', '<=', 0, lost + wrong.length),
    target('deliveries processed twice', '<=', 0, twice),
    target('mapped pushes without exactly one run', '<=', 0, Math.abs(MAPPED_PUSHES - runs.n)),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await db.end()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
