// Soak: sustained mixed load on a fresh CLI stack of the real project (supabase/), as `npm run stack` runs it, for
// --duration (default 10 minutes): REST reads as a signed-in operator, 100 Realtime subscribers (each its own
// user, a member of the project) receiving every span OTLP ingests, signed GitHub deliveries (pings and pushes to
// an unmapped branch) and OTLP batches, each at a steady rate. Every few seconds it samples the memory (PSS) of
// the stack's processes and the queues (webhook deliveries not finished, Realtime changes not yet delivered,
// deliveries subscribers still wait for). Afterwards the load stops, the queues must drain, and every request,
// delivery and span is counted: sent, acknowledged, stored, received. Writes bench/results/soak.json (or --out).
//
// Run: npx tsx bench/soak.ts [--duration 600|10m|45s] [--out FILE] [--sample 5]
//      [--rest 40] [--webhooks 5] [--otlp 2] [--spans 5] [--subscribers 100]   (rates per second)
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sign } from '@octokit/webhooks-methods'
import examples from '@octokit/webhooks-examples' with { type: 'json' }
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { signJwt } from '../stack/jwt.ts'
import { removeCluster } from '../stack/db/postgres.ts'
import { DEMO_JWT_SECRET } from '../stack/keys.ts'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { treeMemory, type MemoryByProgram } from './lib/memory.ts'
import { machine, report, target } from './lib/results.ts'

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback
}
const seconds = (text: string) => {
  const m = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim())
  if (!m) throw new Error(`--duration: cannot read "${text}" (say 600, 10m or 45s)`)
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1)
}
const DURATION_S = seconds(arg('duration', '600'))
const OUT = arg('out', '')
const SAMPLE_S = Number(arg('sample', '5'))
const RATE = { rest: Number(arg('rest', '40')), webhooks: Number(arg('webhooks', '5')), otlp: Number(arg('otlp', '2')) }
const SPANS = Number(arg('spans', '5'))
const SUBSCRIBERS = Number(arg('subscribers', '100'))
const DRAIN_MS = 120_000

const WORKDIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../supabase')
const ORG = '10000000-0000-4000-a000-000000000001'
const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const OTEL_CONNECTION = '50000000-0000-4000-a000-000000000005'
const PROJECT = '20000000-0000-4000-a000-000000000001'
const HOOK_SECRET = 'whsec_demo_acme_payments_0f9d2c' // the seed's, sealed by the first delivery
type Example = { name: string; examples: Record<string, any>[] }
const example = (event: string) => structuredClone((examples as unknown as Example[]).find((e) => e.name === event)!.examples.find((p) => event !== 'push' || p.ref === 'refs/heads/master')!)
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : 0 }

/** Starts `work` `perSecond` times a second until `until`, at most 32 in flight (a slower stack is sent less, never queued). */
async function paced(perSecond: number, until: () => boolean, work: () => Promise<void>): Promise<void> {
  if (perSecond <= 0) return
  const inFlight = new Set<Promise<void>>()
  const started = performance.now()
  for (let n = 0; !until(); n++) {
    const due = started + (n * 1000) / perSecond
    if (due > performance.now()) await sleep(due - performance.now())
    if (until()) break
    if (inFlight.size >= 32) continue
    const p = work().catch(() => {}).finally(() => inFlight.delete(p))
    inFlight.add(p)
  }
  await Promise.all(inFlight)
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-soak-'))
// A port found free can be taken before the stack listens on it: then start again on new ports.
const start = async (attempt = 1): Promise<Awaited<ReturnType<typeof startCliStack>>> => startCliStack(
  ['--workdir', WORKDIR, '--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'],
  { OPZENIX_DATA_DIR: dataDir, OPZENIX_HEALTH_CHECK_MS: '0' },
).catch((error) => {
  if (attempt < 3 && /EADDRINUSE|could not bind/.test(String(error.message))) return start(attempt + 1)
  throw error
})
const stack = await start()
const db = new pg.Pool({ connectionString: stack.dbUrl, max: 3 })
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
const subscribers: Array<{ client: SupabaseClient<any, 'public', any>; received: Set<number>; duplicates: number }> = []
let ok = false
try {
  const clientFor = (token: string) => createClient(stack.apiUrl, stack.anonKey, { accessToken: async () => token, realtime: { transport: ws as any } })
  const signedIn = async (email: string) => {
    const client = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: true }, realtime: { transport: ws as any } })
    const { error } = await client.auth.signInWithPassword({ email, password: 'opzenix-demo' })
    if (error) throw error
    return client
  }
  const operator = await signedIn('operator@opzenix.dev')
  const admin = await signedIn('admin@opzenix.dev')
  const issued = await admin.rpc('issue_otel_ingest_token', { _connection_id: OTEL_CONNECTION, _project_id: PROJECT })
  if (issued.error) throw issued.error
  const ingestToken = issued.data[0].token as string

  // The subscribers: users of their own, viewers of the project's organization, so RLS lets each read the spans.
  const exp = Math.floor(Date.now() / 1000) + DURATION_S + 3600
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const id = randomUUID()
    await db.query(`insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())`, [id, `soak-${i}-${id.slice(0, 8)}@example.com`])
    await db.query(`insert into public.organization_members (organization_id, user_id, role) values ($1, $2, 'viewer')`, [ORG, id])
    const token = await signJwt({ sub: id, role: 'authenticated', aud: 'authenticated', exp }, process.env.JWT_SECRET ?? DEMO_JWT_SECRET)
    const client = clientFor(token)
    await client.realtime.setAuth(token)
    subscribers.push({ client, received: new Set(), duplicates: 0 })
  }
  await Promise.all(subscribers.map((s, i) => new Promise<void>((resolve, reject) => {
    s.client.channel(`soak-${i}`)
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'telemetry_signals' }, (change: any) => {
        if (!String(change.new.name ?? '').startsWith('soak ')) return
        if (s.received.has(change.new.id)) s.duplicates++
        else s.received.add(change.new.id)
      })
      .subscribe((status, error) => {
        if (status === 'SUBSCRIBED') resolve()
        else if (status !== 'CLOSED') reject(error ?? new Error(status))
      })
  })))

  const post = (url: string, headers: Record<string, string>, body: string) => new Promise<number>((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end(body)
  })
  const count = { rest: { sent: 0, ok: 0 }, webhooks: { sent: 0, acknowledged: 0, ids: [] as string[] }, otlp: { batches: 0, ok: 0, spans: 0 } }
  const hook = `${stack.apiUrl}/functions/v1/github-webhook/${INTEGRATION}`
  const deliverOne = async (n: number) => {
    const event = n % 2 ? 'push' : 'ping'
    const payload = event === 'push' ? { ...example('push'), ref: `refs/heads/soak/${n}`, after: hex(40) } : example('ping')
    const body = JSON.stringify(payload)
    const deliveryId = randomUUID()
    count.webhooks.sent++
    const status = await post(hook, {
      'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': deliveryId,
      'x-hub-signature-256': await sign(HOOK_SECRET, body),
    }, body)
    if (status === 202) { count.webhooks.acknowledged++; count.webhooks.ids.push(deliveryId) }
  }
  await deliverOne(0) // seals the seeded secret before the clock starts

  const samples: Array<{ t_s: number; memory_mib: MemoryByProgram; queues: Record<string, number> }> = []
  const t0 = performance.now()
  const elapsed = () => (performance.now() - t0) / 1000
  let loadDone = false
  const queues = async () => {
    const { rows: [q] } = await db.query(`select
      (select count(*) from public.webhook_deliveries where status in ('received', 'processing'))::int as webhooks_unfinished,
      (select count(*) from realtime.stack_changes)::int as realtime_changes_queued,
      (select count(*) from public.telemetry_signals where name like 'soak %')::int as spans_stored`)
    const received = subscribers.reduce((n, s) => n + s.received.size, 0)
    return { webhooks_unfinished: q.webhooks_unfinished, realtime_changes_queued: q.realtime_changes_queued,
      realtime_deliveries_awaited: q.spans_stored * subscribers.length - received, spans_stored: q.spans_stored }
  }
  const sample = async () => {
    samples.push({ t_s: Math.round(elapsed()), memory_mib: treeMemory(stack.child.pid!), queues: await queues() })
    const last = samples.at(-1)!
    console.log(`  ${String(last.t_s).padStart(4)} s  memory ${last.memory_mib.total} MiB (${last.memory_mib.processes} processes)  queues ${JSON.stringify(last.queues)}`)
  }
  const sampler = (async () => { while (!loadDone) { await sample(); await sleep(SAMPLE_S * 1000) } })()

  console.log(`soak: ${DURATION_S} s of ${RATE.rest} REST reads/s, ${RATE.webhooks} deliveries/s, ${RATE.otlp} OTLP batches/s × ${SPANS} spans → ${SUBSCRIBERS} subscribers`)
  const until = () => elapsed() >= DURATION_S
  let deliveries = 1
  let batches = 0
  await Promise.all([
    paced(RATE.rest, until, async () => {
      count.rest.sent++
      const { data, error } = await operator.from('executions').select('id, status, name, created_at').order('created_at', { ascending: false }).limit(20)
      if (!error && Array.isArray(data)) count.rest.ok++
    }),
    paced(RATE.webhooks, until, () => deliverOne(deliveries++)),
    paced(RATE.otlp, until, async () => {
      const batch = batches++
      const traceId = hex(32)
      const spans = Array.from({ length: SPANS }, (_, j) => ({
        traceId, spanId: hex(16), name: `soak ${batch}.${j}`, kind: 2,
        startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n), endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n),
      }))
      const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'soak' } }] }, scopeSpans: [{ spans }] }] })
      count.otlp.batches++
      const status = await post(`${stack.apiUrl}/functions/v1/otel-adapter/v1/traces`, { 'content-type': 'application/json', authorization: `Bearer ${ingestToken}` }, body)
      if (status === 200) { count.otlp.ok++; count.otlp.spans += SPANS }
    }),
  ])
  const loadSeconds = elapsed()

  // Drain: every queue back to empty, every subscriber caught up (or the drain's time is up).
  const drainStart = performance.now()
  let drained = await queues()
  while (performance.now() - drainStart < DRAIN_MS && (drained.webhooks_unfinished > 0 || drained.realtime_changes_queued > 0 || drained.realtime_deliveries_awaited > 0)) {
    await sleep(500)
    drained = await queues()
  }
  const drainSeconds = (performance.now() - drainStart) / 1000
  loadDone = true
  await sampler
  await sample()

  const { rows: stored } = await db.query<{ status: string; n: number }>(`select status, count(*)::int as n from public.webhook_deliveries
    where delivery_id = any($1) group by 1`, [count.webhooks.ids])
  const { rows: [{ copies }] } = await db.query(`select count(*)::int as copies from (select delivery_id from public.webhook_deliveries
    where delivery_id = any($1) group by 1 having count(*) > 1) d`, [count.webhooks.ids])
  const storedTotal = stored.reduce((n, r) => n + r.n, 0)
  const finished = stored.filter((r) => r.status === 'processed' || r.status === 'ignored').reduce((n, r) => n + r.n, 0)
  const expectedDeliveries = drained.spans_stored * subscribers.length
  const received = subscribers.reduce((n, s) => n + s.received.size, 0)
  const duplicates = subscribers.reduce((n, s) => n + s.duplicates, 0)
  const totals = samples.map((s) => s.memory_mib.total)
  const third = Math.max(1, Math.floor(totals.length / 3))
  const [early, late] = [median(totals.slice(0, third)), median(totals.slice(-third))]
  const figures = {
    duration_s: DURATION_S, load_seconds: Math.round(loadSeconds), drain_seconds: Math.round(drainSeconds * 10) / 10,
    rates_per_s: { ...RATE, spans_per_batch: SPANS }, subscribers: subscribers.length, sample_every_s: SAMPLE_S,
    rest: { sent: count.rest.sent, ok: count.rest.ok, failed: count.rest.sent - count.rest.ok },
    webhooks: { sent: count.webhooks.sent, acknowledged: count.webhooks.acknowledged, stored: storedTotal, stored_twice: copies, finished, by_status: Object.fromEntries(stored.map((r) => [r.status, r.n])) },
    otlp: { batches_sent: count.otlp.batches, batches_ok: count.otlp.ok, spans_acknowledged: count.otlp.spans, spans_stored: drained.spans_stored },
    realtime: { expected_deliveries: expectedDeliveries, received, lost: expectedDeliveries - received, duplicates },
    queues_after_drain: drained,
    queues_max_during_load: Object.fromEntries(['webhooks_unfinished', 'realtime_changes_queued', 'realtime_deliveries_awaited'].map((k) =>
      [k, Math.max(...samples.map((s) => (s.queues as Record<string, number>)[k]))])),
    memory_mib: { first_third_median: early, last_third_median: late, growth_ratio: Math.round((late / early) * 1000) / 1000, first: samples[0].memory_mib, last: samples.at(-1)!.memory_mib },
    samples,
  }
  console.log(`  REST ${count.rest.ok}/${count.rest.sent} ok; deliveries ${count.webhooks.acknowledged}/${count.webhooks.sent} acknowledged, ${finished} finished; spans ${drained.spans_stored}/${count.otlp.spans} stored; Realtime ${received}/${expectedDeliveries} delivered; memory ${early} → ${late} MiB`)
  const targets = [
    target('REST reads failed', '<=', 0, count.rest.sent - count.rest.ok),
    target('deliveries acknowledged but not stored exactly once and finished', '<=', 0, count.webhooks.acknowledged - finished + copies),
    target('spans acknowledged but not stored', '<=', 0, count.otlp.spans - drained.spans_stored),
    target('Realtime deliveries lost', '<=', 0, expectedDeliveries - received),
    target('queued items left after the drain', '<=', 0, drained.webhooks_unfinished + drained.realtime_changes_queued + drained.realtime_deliveries_awaited),
    // Memory is judged only over a long run: a short one is mostly warm-up.
    ...(DURATION_S >= 300 ? [target('memory growth, last third / first third (median PSS)', '<=', 1.25, figures.memory_mib.growth_ratio)] : []),
  ]
  if (OUT) {
    const pass = targets.every((t) => t.pass)
    for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.metric}: ${t.actual} (target ${t.comparison} ${t.limit})`)
    await writeFile(OUT, `${JSON.stringify({ bench: 'soak', date: new Date().toISOString(), machine: machine(), figures, targets, pass }, null, 2)}\n`)
    ok = pass
  } else {
    ok = await report('soak', figures, targets)
  }
} finally {
  for (const s of subscribers) await s.client.removeAllChannels().catch(() => {})
  agent.destroy()
  await db.end()
  await stack.stop()
  await removeCluster(dataDir)
  await rm(dataDir, { recursive: true, force: true })
}
process.exit(ok ? 0 : 1)
