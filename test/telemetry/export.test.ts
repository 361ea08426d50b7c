// CI/CD spans out to an organization's OTLP endpoint: a finished run's pipeline-run and task spans reach a
// test receiver (JSON and gzipped protobuf) with their names, kinds, parent ids, times and cicd.* attributes
// as stored; a 500 is retried and delivered once, a 400 is recorded and dropped, concurrent exporters send
// each span once, another organization's spans never reach the endpoint, and only the service role may call.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anyValue, attributes } from '../../supabase/functions/_shared/otlp/values.ts'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startReceiver, type Receiver } from './export-receiver.ts'

const GLOBEX_PROJECT = '20000000-0000-4000-a000-000000000002'
let stack: ProjectStack
let receiver: Receiver
let service: Client

beforeAll(async () => {
  // The stack's scheduler exports too (as it would in `npm start`), so assertions look at what the receiver
  // got and what the database recorded, whoever made the call.
  process.env.OPZENIX_EXPORT_MS = '200'
  receiver = await startReceiver()
  stack = await startProjectWithEnv({ OTEL_EXPORT_RETRY_BASE_MS: '50', HONEYCOMB_KEY: 'x-honeycomb-team: hc-secret-1' })
  service = stack.service()
})
afterAll(async () => {
  await stack?.stop()
  await receiver?.stop()
})

async function exporter(path: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}, org: string = DEMO.acme): Promise<string> {
  const { data, error } = await service.from('connections')
    .insert({ organization_id: org, type: 'otel', name: `export ${path}`, config: { endpoint: `${receiver.url}${path}`, export: true, ...config }, ...extra })
    .select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}
const stopExporting = (id: string) => service.from('connections').update({ config: { endpoint: 'http://127.0.0.1:9', export: false } }).eq('id', id)

/**
 * A run with a build node that succeeds and a test node that fails: 3 spans (run + 2 tasks), written in one
 * transaction (as the engine's own writes are) so an exporter sees all three at once.
 */
async function finishedRun(name: string, project: string = DEMO.project): Promise<string> {
  const db = new pg.Client({ connectionString: stack.dbUrl })
  await db.connect()
  try {
    await db.query('begin')
    const { rows: [{ id }] } = await db.query(`insert into public.executions (project_id, name, status, started_at, branch, commit_sha)
      values ($1, $2, 'running', now() - interval '1 minute', 'main', 'c0ffee1') returning id`, [project, name])
    await db.query(`insert into public.execution_nodes (execution_id, project_id, node_id, name, kind)
      values ($1, $2, 'build', 'Build image', 'build'), ($1, $2, 'tests', 'Unit tests', 'simulated')`, [id, project])
    for (const [node, status] of [['build', 'running'], ['build', 'success'], ['tests', 'running'], ['tests', 'failed']]) {
      await db.query(`update public.execution_nodes set status = $3, started_at = coalesce(started_at, now() - interval '30 seconds')
        where execution_id = $1 and node_id = $2`, [id, node, status])
    }
    await db.query(`update public.executions set status = 'failed', error_message = 'Unit tests failed' where id = $1`, [id])
    await db.query('commit')
    return id
  } finally {
    await db.end()
  }
}

async function callExport(key: string | null, body: unknown = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.functionsUrl}/otel-export`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}`, apikey: key } : {}) },
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}
const exportNow = async (body: unknown = {}) => {
  const result = await callExport(stack.serviceRoleKey, body)
  expect(result.status).toBe(200)
  return result.body
}
/** Calls otel-export until nothing of the connection is pending (retries are due after 50 ms · 2^n). */
async function drain(connectionId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await exportNow()
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.otel_export_queue where connection_id = $1 and state = 'pending'`, [connectionId])
    if (n === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the export queue did not drain')
}
const hex = (id: string) => id.replaceAll('-', '')
const storedSpans = (executionId: string) => sql(stack, `
  select otel_span_id, parent_span_id, name, kind, attributes,
    ((extract(epoch from started_at) * 1000000)::bigint * 1000)::text as start_ns,
    ((extract(epoch from ended_at) * 1000000)::bigint * 1000)::text as end_ns
  from public.telemetry_signals where execution_id = $1 and source = 'opzenix' order by otel_span_id`, [executionId])
const batchesOf = (connectionId: string) =>
  sql(stack, `select outcome, http_status, spans, attempt, message, protocol from public.otel_export_batches where connection_id = $1 order by started_at`, [connectionId])

function expectSpansAsStored(received: Array<{ span: any; resource: any[] }>, stored: any[], executionId: string) {
  const KINDS: Record<string, number> = { internal: 1, server: 2 }
  expect(received.map((r) => r.span.spanId).sort()).toEqual(stored.map((s) => s.otel_span_id))
  const run = stored.find((s) => s.kind === 'server')
  for (const { span, resource } of received) {
    const row = stored.find((s) => s.otel_span_id === span.spanId)
    expect(span.traceId).toBe(hex(executionId))
    expect(span.name).toBe(row.name)
    expect(span.kind).toBe(KINDS[row.kind])
    expect(span.parentSpanId || null).toBe(row.kind === 'server' ? null : run.otel_span_id)
    expect(String(span.startTimeUnixNano)).toBe(row.start_ns)
    expect(String(span.endTimeUnixNano)).toBe(row.end_ns)
    expect(attributes(span.attributes)).toEqual(row.attributes)
    expect(attributes(resource)).toMatchObject({ 'service.name': 'opzenix', 'cicd.pipeline.run.id': executionId })
  }
  const runSpan = received.find((r) => r.span.kind === 2)!.span
  expect(runSpan).toMatchObject({ name: 'RUN export-json', status: { code: 2, message: 'Unit tests failed' } })
  expect(attributes(runSpan.attributes)).toMatchObject({ 'cicd.pipeline.result': 'failure', 'cicd.pipeline.action.name': 'RUN', 'vcs.ref.head.revision': 'c0ffee1' })
  const tests = received.find((r) => r.span.name === 'Unit tests')!.span
  expect(Object.fromEntries(tests.attributes.map((kv: any) => [kv.key, anyValue(kv.value)]))).toMatchObject({
    'cicd.pipeline.task.name': 'Unit tests', 'cicd.pipeline.task.type': 'test', 'cicd.pipeline.task.run.result': 'failure',
  })
}

describe('otel-export', () => {
  it('sends a finished run’s spans as OTLP JSON with the configured and secret headers', async () => {
    const id = await exporter('/json', { protocol: 'http/json', headers: { 'x-tenant': 'acme' } }, { secret_ref: 'HONEYCOMB_KEY' })
    const run = await finishedRun('export-json #1')
    await drain(id)
    const [request] = receiver.received.filter((r) => r.path === '/json/v1/traces')
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'x-tenant': 'acme', 'x-honeycomb-team': 'hc-secret-1' })
    expectSpansAsStored(receiver.spans('/json'), await storedSpans(run), run)
    // The scheduler and this test's drain may each claim part of the run (skip locked): one or more batches.
    const batches = await batchesOf(id)
    for (const batch of batches) expect(batch).toMatchObject({ outcome: 'delivered', http_status: 200, attempt: 1, protocol: 'http/json' })
    expect(batches.reduce((sum: number, batch: { spans: number }) => sum + batch.spans, 0)).toBe(3)
    expect((await exportNow()).batches).toEqual([]) // delivered once: nothing left
    await stopExporting(id)
  })

  it('sends gzipped OTLP protobuf that decodes to the same spans', async () => {
    const id = await exporter('/proto', { protocol: 'http/protobuf', compression: 'gzip' })
    const run = await finishedRun('export-json #2')
    await drain(id)
    const [request] = receiver.received.filter((r) => r.path === '/proto/v1/traces')
    expect(request.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' })
    expectSpansAsStored(receiver.spans('/proto'), await storedSpans(run), run)
    await stopExporting(id)
  })

  it('retries a 500 with backoff and delivers once; drops a 400 with the error and does not retry it', async () => {
    receiver.script('/flaky', { status: 500, body: 'collector restarting' }, { status: 200 })
    receiver.script('/bad', { status: 400, contentType: 'application/json', body: '{"code":3,"message":"invalid span"}' })
    const flaky = await exporter('/flaky', { protocol: 'http/json' })
    const bad = await exporter('/bad', { protocol: 'http/json' })
    await finishedRun('export-json #3')
    await drain(flaky)
    await drain(bad)
    expect(receiver.received.filter((r) => r.path.startsWith('/flaky')).map((r) => r.request.resourceSpans[0].scopeSpans[0].spans.length)).toEqual([3, 3])
    expect(await batchesOf(flaky)).toMatchObject([
      { outcome: 'retry', http_status: 500, attempt: 1, message: expect.stringContaining('collector restarting') },
      { outcome: 'delivered', http_status: 200, attempt: 2 },
    ])
    expect(await sql(stack, `select distinct state, attempts from public.otel_export_queue where connection_id = $1`, [flaky])).toEqual([{ state: 'delivered', attempts: 2 }])

    expect(receiver.received.filter((r) => r.path.startsWith('/bad'))).toHaveLength(1)
    expect(await batchesOf(bad)).toMatchObject([{ outcome: 'rejected', http_status: 400, message: expect.stringContaining('invalid span') }])
    const queue = await sql(stack, `select state, attempts, last_error from public.otel_export_queue where connection_id = $1`, [bad])
    expect(queue).toHaveLength(3)
    for (const row of queue) expect(row).toMatchObject({ state: 'dropped', attempts: 1, last_error: expect.stringContaining('answered 400') })
    await exportNow()
    expect(receiver.received.filter((r) => r.path.startsWith('/bad'))).toHaveLength(1)
    await Promise.all([stopExporting(flaky), stopExporting(bad)])
  })

  it('retries a collector that does not answer within timeout_ms', async () => {
    receiver.script('/hanging', { status: 200, delayMs: 2000 }, { status: 200 })
    const id = await exporter('/hanging', { protocol: 'http/json', timeout_ms: 300 })
    await finishedRun('export-json #10')
    await drain(id)
    expect(await batchesOf(id)).toMatchObject([
      { outcome: 'retry', http_status: null, attempt: 1, message: expect.stringContaining('did not answer within 300 ms') },
      { outcome: 'delivered', http_status: 200, attempt: 2 },
    ])
    await stopExporting(id)
  })

  it('forgets finished queue rows after a week and batch records after 30 days', async () => {
    const [old] = await sql(stack, `update public.otel_export_queue set finished_at = now() - interval '8 days'
      where state = 'delivered' and signal_id = (select min(signal_id) from public.otel_export_queue where state = 'delivered') returning connection_id, signal_id`)
    const [oldBatch] = await sql(stack, `update public.otel_export_batches set finished_at = now() - interval '31 days'
      where id = (select id from public.otel_export_batches where outcome = 'delivered' limit 1) returning id`)
    const id = await exporter('/prune', { protocol: 'http/json' })
    await finishedRun('export-json #11')
    await drain(id)
    expect(await sql(stack, `select 1 from public.otel_export_queue where connection_id = $1 and signal_id = $2`, [old.connection_id, old.signal_id])).toEqual([])
    expect(await sql(stack, `select 1 from public.otel_export_batches where id = $1`, [oldBatch.id])).toEqual([])
    expect(await sql(stack, `select state from public.otel_export_queue where connection_id = $1`, [id])).toHaveLength(3)
    await stopExporting(id)
  })

  it('lets two concurrent exporters send each span exactly once', async () => {
    const id = await exporter('/concurrent', { protocol: 'http/protobuf' })
    const runs = await Promise.all([finishedRun('export-json #4'), finishedRun('export-json #5'), finishedRun('export-json #6')])
    await Promise.all([exportNow({ max_spans: 1 }), exportNow({ max_spans: 1 })])
    await drain(id)
    const ids = receiver.spans('/concurrent').map((r) => `${r.span.traceId}/${r.span.spanId}`)
    expect(ids).toHaveLength(9)
    expect(new Set(ids).size).toBe(9)
    expect(new Set(receiver.spans('/concurrent').map((r) => r.span.traceId))).toEqual(new Set(runs.map(hex)))
    await stopExporting(id)
  })

  it('sends an organization only its own projects’ spans, and shows each organization only its own batches', async () => {
    const acme = await exporter('/acme-only', { protocol: 'http/json' })
    const globex = await exporter('/globex', { protocol: 'http/json' }, {}, DEMO.globex)
    const acmeRun = await finishedRun('export-json #7')
    const globexRun = await finishedRun('rocket-launch #1', GLOBEX_PROJECT)
    await drain(acme)
    await drain(globex)
    expect(new Set(receiver.spans('/acme-only').map((r) => r.span.traceId))).toEqual(new Set([hex(acmeRun)]))
    expect(new Set(receiver.spans('/globex').map((r) => r.span.traceId))).toEqual(new Set([hex(globexRun)]))
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const { data } = await operator.from('otel_export_batches').select('connection_id')
    expect(data!.length).toBeGreaterThan(0)
    expect(data!.some((b) => b.connection_id === globex)).toBe(false)
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    expect((await viewer.from('otel_export_batches').select('id')).data).toEqual([])
    await Promise.all([stopExporting(acme), stopExporting(globex)])
  })

  it('keeps spans queued with the reason while the connection config is invalid', async () => {
    const id = await exporter('/invalid', { protocol: 'http/2' })
    await finishedRun('export-json #8')
    await exportNow()
    expect((await batchesOf(id))[0]).toMatchObject({ outcome: 'retry', message: expect.stringContaining('protocol') })
    expect(await sql(stack, `select state, count(*)::int as n from public.otel_export_queue where connection_id = $1 group by 1`, [id])).toEqual([{ state: 'pending', n: 3 }])
    expect(receiver.received.filter((r) => r.path.startsWith('/invalid'))).toEqual([])
    await stopExporting(id)
    await sql(stack, `delete from public.otel_export_queue where connection_id = $1`, [id])
  })

  it('is called by the stack’s scheduler: spans arrive without anyone calling otel-export', async () => {
    const id = await exporter('/scheduled', { protocol: 'http/protobuf' })
    const run = await finishedRun('export-json #9')
    for (let i = 0; i < 150 && receiver.spans('/scheduled').length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(receiver.spans('/scheduled').map((r) => r.span.traceId)).toEqual([hex(run), hex(run), hex(run)])
    await stopExporting(id)
  })

  it('refuses callers without the service role and bad input', async () => {
    expect((await callExport(null)).status).toBe(401)
    const anon = await callExport(stack.anonKey)
    expect(anon.status).toBe(403)
    expect(anon.body.error.code).toBe('forbidden')
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const { data } = await operator.auth.getSession()
    expect((await callExport(data.session!.access_token)).status).toBe(403)
    const bad = await callExport(stack.serviceRoleKey, { max_spans: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
    const denied = await operator.rpc('claim_otel_export_batch', {})
    expect(denied.error).not.toBeNull()
  })
})
