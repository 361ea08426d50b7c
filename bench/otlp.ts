// OTLP ingest benchmark: spans per second through the gateway → otel-adapter (Deno) → one rpc insert into
// telemetry_signals, in batches of 512 spans made by the OpenTelemetry SDK and encoded by its official
// serializers, protobuf and JSON, with several requests in flight. The stack runs as the CLI in its own
// process on the real project (supabase/), as `npm start` does.
// The raw Postgres figures of the same run: the same batches (decoded and serialized here by the function's own
// shared code) sent through `pg` at the same concurrency, as the one statement the function sends
// (select ingest_otel_batch), and as a bare insert of the same rows from unnest'ed arrays into the same table
// (triggers and indexes included, no token check, no run lookup). Each HTTP figure is printed as a ratio to them.
//
// Run: npx tsx bench/otlp.ts
import { mkdtemp } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SpanKind } from '@opentelemetry/api'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { createHash } from 'node:crypto'
import { freePort } from '../stack/net.ts'
import { toBatch } from '../supabase/functions/_shared/otlp/batch.ts'
import { traceRows } from '../supabase/functions/_shared/otlp/rows.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'
import { clientCpu, cpuSpent, treeCpu, type CpuByProgram } from './lib/cpu.ts'

const BATCH = 512
const DISTINCT_BATCHES = 8
const WARMUP_BATCHES = 16
const BATCHES = 240 // per encoding: 122,880 spans
const CONCURRENCY = 8
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../supabase')

function batches() {
  return Array.from({ length: DISTINCT_BATCHES }, (_, b) => {
    const memory = new InMemorySpanExporter()
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'bench-checkout', 'service.version': '2.1.0', 'deployment.environment': 'prod' }),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    })
    const tracer = provider.getTracer('bench')
    for (let i = 0; i < BATCH; i++) {
      tracer.startSpan(`GET /orders/{id}`, {
        kind: i % 4 === 0 ? SpanKind.SERVER : SpanKind.CLIENT,
        attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'url.path': `/orders/${b * BATCH + i}`, 'server.address': 'orders.internal', retries: i % 3 },
      }).end()
    }
    const spans = memory.getFinishedSpans()
    return { protobuf: ProtobufTraceSerializer.serializeRequest(spans)!, json: JsonTraceSerializer.serializeRequest(spans)! }
  })
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-otlp-'))
const stack = await startCliStack(
  ['--workdir', PROJECT, '--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'],
  { OPZENIX_DATA_DIR: dataDir },
)
const db = new pg.Client({ connectionString: stack.dbUrl })
await db.connect()
try {
  const admin = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as any } })
  const signedIn = await admin.auth.signInWithPassword({ email: 'admin@opzenix.dev', password: 'opzenix-demo' })
  if (signedIn.error) throw signedIn.error
  const issued = await admin.rpc('issue_otel_ingest_token', { _connection_id: '50000000-0000-4000-a000-000000000005', _project_id: '20000000-0000-4000-a000-000000000001' })
  if (issued.error) throw issued.error
  const token = issued.data[0].token as string

  const bodies = batches()
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const url = new URL(`${stack.apiUrl}/functions/v1/otel-adapter/v1/traces`)
  const timingOf = (header: unknown) => Object.fromEntries(String(header ?? '').split(',').filter(Boolean)
    .map((part) => { const [name, dur] = part.trim().split(';dur='); return [name, Number(dur)] }))
  const post = (body: Uint8Array, type: string) => new Promise<{ ms: number; timing: Record<string, number> }>((resolve, reject) => {
    const started = performance.now()
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': type, authorization: `Bearer ${token}`, 'content-length': body.length } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200
        ? resolve({ ms: performance.now() - started, timing: timingOf(res.headers['server-timing']) })
        : reject(new Error(`HTTP ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body)
  })
  const run = async (encoding: 'protobuf' | 'json', count: number) => {
    const type = encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json'
    const latencies: number[] = []
    const timings: Array<Record<string, number>> = []
    let next = 0
    const cpuBefore = treeCpu(stack.child.pid!)
    const clientBefore = clientCpu()
    const started = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++
        const answer = await post(bodies[i % DISTINCT_BATCHES][encoding], type)
        latencies.push(answer.ms)
        timings.push({ ...answer.timing, outside_function: answer.ms - (answer.timing.total ?? 0) })
      }
    }))
    const seconds = (performance.now() - started) / 1000
    const byProgram: CpuByProgram = { ...cpuSpent(cpuBefore, treeCpu(stack.child.pid!)), bench_client: Math.round((clientCpu() - clientBefore) * 100) / 100 }
    const cpu = byProgram.total
    // Where one batch's time goes (ms, median): the function's steps (Server-Timing) and the path around it;
    // and what each program spent in CPU per batch.
    const steps = [...new Set(timings.flatMap((t) => Object.keys(t)))]
    const median = (name: string) => summarize(timings.map((t) => t[name] ?? 0)).median
    return {
      spans_per_s: Math.round((count * BATCH) / seconds), batch_ms: summarize(latencies), seconds: Math.round(seconds * 100) / 100,
      stack_cpu_seconds: Math.round(cpu * 100) / 100, spans_per_stack_cpu_second: Math.round((count * BATCH) / cpu),
      breakdown_ms_median: Object.fromEntries(steps.map((name) => [name, median(name)])),
      cpu_ms_per_batch: Object.fromEntries(Object.entries(byProgram).map(([k, v]) => [k, Math.round(v / count * 1e4) / 10])),
      load_average: Math.round(os.loadavg()[0] * 100) / 100,
    }
  }

  // Raw Postgres, same batches and concurrency: what the database alone sustains.
  const tokenHash = createHash('sha256').update(token).digest('hex')
  const rawBatches = bodies.map((b) => {
    const rows = traceRows(JSON.parse(new TextDecoder().decode(b.json))).rows
    const columns = {
      signal_type: rows.map((r) => r.signal_type), name: rows.map((r) => r.name), trace_id: rows.map((r) => r.trace_id),
      span_id: rows.map((r) => r.span_id), parent_span_id: rows.map((r) => r.parent_span_id), kind: rows.map((r) => r.kind),
      status: rows.map((r) => r.status), started_at: rows.map((r) => r.started_at), ended_at: rows.map((r) => r.ended_at),
      service_name: rows.map((r) => r.service_name), attributes: rows.map((r) => JSON.stringify(r.attributes ?? {})),
      resource_attributes: rows.map((r) => JSON.stringify(r.resource_attributes ?? {})), payload: rows.map((r) => JSON.stringify(r.payload ?? {})),
    }
    return { call: JSON.stringify(toBatch(tokenHash, rows)), columns }
  })
  const { rows: [scope] } = await db.query(`select project_id, connection_id from public.otel_ingest_tokens where token_hash = $1`, [tokenHash])
  const rawPool = new pg.Pool({ connectionString: stack.dbUrl, max: CONCURRENCY })
  const rawRun = async (kind: 'function' | 'unnest', count: number) => {
    let next = 0
    const latencies: number[] = []
    const cpuBefore = treeCpu(stack.child.pid!)
    const started = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const b = rawBatches[next++ % DISTINCT_BATCHES]
        const t = performance.now()
        if (kind === 'function') await rawPool.query('select public.ingest_otel_batch($1::json) as n', [b.call])
        else {
          const c = b.columns
          await rawPool.query(
            `insert into public.telemetry_signals (project_id, connection_id, signal_type, name, otel_trace_id, otel_span_id,
               parent_span_id, kind, status, started_at, ended_at, service_name, attributes, resource_attributes, payload)
             select $1, $2, u.* from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
               $10::timestamptz[], $11::timestamptz[], $12::text[], $13::jsonb[], $14::jsonb[], $15::jsonb[]) as u`,
            [scope.project_id, scope.connection_id, c.signal_type, c.name, c.trace_id, c.span_id, c.parent_span_id, c.kind, c.status,
              c.started_at, c.ended_at, c.service_name, c.attributes, c.resource_attributes, c.payload],
          )
        }
        latencies.push(performance.now() - t)
      }
    }))
    const seconds = (performance.now() - started) / 1000
    const cpu = cpuSpent(cpuBefore, treeCpu(stack.child.pid!))
    return {
      spans_per_s: Math.round((count * BATCH) / seconds), batch_ms: summarize(latencies), seconds: Math.round(seconds * 100) / 100,
      postgres_cpu_ms_per_batch: Math.round(((cpu.postgres ?? 0) / count) * 1e4) / 10,
    }
  }
  await rawRun('function', WARMUP_BATCHES)
  await rawRun('unnest', WARMUP_BATCHES)

  const before = Number((await db.query('select count(*) from public.telemetry_signals')).rows[0].count) - 2 * WARMUP_BATCHES * BATCH
  await run('protobuf', WARMUP_BATCHES)
  await run('json', WARMUP_BATCHES)
  const protobuf = await run('protobuf', BATCHES)
  const rawFunction = await rawRun('function', BATCHES)
  const json = await run('json', BATCHES)
  const rawUnnest = await rawRun('unnest', BATCHES)
  await rawPool.end()
  // The stack's Realtime captures inserts with a statement trigger (one insert ... select into its queue per batch)
  // when some channel watches the table (here none does, so it returns at once); hosted Supabase's Realtime
  // reads the WAL and adds nothing to the insert. Measure with it disabled too.
  await db.query('alter table public.telemetry_signals disable trigger realtime_stack_capture_ins')
  const protobufNoCapture = await run('protobuf', BATCHES)
  await db.query('alter table public.telemetry_signals enable trigger realtime_stack_capture_ins')
  const stored = Number((await db.query('select count(*) from public.telemetry_signals')).rows[0].count) - before
  const expected = (4 * WARMUP_BATCHES + 5 * BATCHES) * BATCH
  if (stored !== expected) throw new Error(`stored ${stored} spans, sent ${expected}`)
  const bytes = { protobuf: bodies[0].protobuf.length, json: bodies[0].json.length }

  console.log(`OTLP ingest, batches of ${BATCH}, ${CONCURRENCY} in flight, ${BATCHES} batches per encoding`)
  console.log(`  protobuf: ${protobuf.spans_per_s} spans/s (batch median ${protobuf.batch_ms.median} ms, p95 ${protobuf.batch_ms.p95} ms, ${bytes.protobuf} bytes)`)
  console.log(`  json:     ${json.spans_per_s} spans/s (batch median ${json.batch_ms.median} ms, p95 ${json.batch_ms.p95} ms, ${bytes.json} bytes)`)
  console.log(`  protobuf without the stack's Realtime capture trigger: ${protobufNoCapture.spans_per_s} spans/s (batch median ${protobufNoCapture.batch_ms.median} ms)`)
  const toRaw = (spansPerS: number) => Math.round((rawFunction.spans_per_s / spansPerS) * 100) / 100
  console.log(`  raw pg, same batches, ${CONCURRENCY} in flight: select ingest_otel_batch ${rawFunction.spans_per_s} spans/s (batch median ${rawFunction.batch_ms.median} ms, Postgres CPU ${rawFunction.postgres_cpu_ms_per_batch} ms/batch); bare unnest insert ${rawUnnest.spans_per_s} spans/s (median ${rawUnnest.batch_ms.median} ms, Postgres CPU ${rawUnnest.postgres_cpu_ms_per_batch} ms/batch)`)
  console.log(`  raw pg (ingest_otel_batch) is ${toRaw(protobuf.spans_per_s)}× the protobuf rate and ${toRaw(json.spans_per_s)}× the json rate`)
  const cores = os.cpus().length
  for (const [label, r] of [['protobuf', protobuf], ['json', json], ['protobuf, no capture', protobufNoCapture]] as const) {
    console.log(`  ${label}: ${r.spans_per_stack_cpu_second} spans per CPU-second of the whole stack → at most ${r.spans_per_stack_cpu_second * cores} spans/s on ${cores} idle cores`)
    console.log(`    per batch, median ms: ${JSON.stringify(r.breakdown_ms_median)}; CPU ms per batch: ${JSON.stringify(r.cpu_ms_per_batch)}`)
  }
  const load = os.loadavg().map((l) => Math.round(l * 100) / 100)
  console.log(`  load average while measuring: ${load.join(' ')} on ${os.cpus().length} cores`)
  const pass = await report('otlp', { batch: BATCH, concurrency: CONCURRENCY, batches_per_encoding: BATCHES, body_bytes: bytes, stored_spans: stored, protobuf, json, protobuf_without_realtime_capture: protobufNoCapture,
    raw_pg: { ingest_otel_batch: rawFunction, unnest_insert: rawUnnest },
    raw_pg_rate_over_http_rate: { protobuf: toRaw(protobuf.spans_per_s), json: toRaw(json.spans_per_s) }, load_average: os.loadavg() }, [
    target('protobuf spans/s (batches of 512)', '>=', 20_000, protobuf.spans_per_s),
    target('json spans/s (batches of 512)', '>=', 20_000, json.spans_per_s),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await db.end()
  await stack.stop()
}
