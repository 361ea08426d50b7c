// CI/CD span export benchmark: spans per second from otel_export_queue through otel-export (claim, encode,
// POST, finish) to a local OTLP receiver, protobuf and JSON, batches of 512. Spans are queued the way the
// CI/CD triggers queue them (rows in telemetry_signals with source 'opzenix'), 8,192 per encoding.
// No target in issue 6; the figure says whether a busy organization's spans keep up (they are written at
// most a few per second per run).
//
// Run: npx tsx bench/otel-export.ts
import os from 'node:os'
import pg from 'pg'
import { startProjectWithEnv } from '../test/github/project.ts'
import { startReceiver } from '../test/telemetry/export-receiver.ts'
import { report } from './lib/results.ts'

const SPANS = 8192
const PROJECT = '20000000-0000-4000-a000-000000000001'
const ACME = '10000000-0000-4000-a000-000000000001'

process.env.OPZENIX_EXPORT_MS = '0'
process.env.OPZENIX_TICK_MS = '0'
const receiver = await startReceiver()
const stack = await startProjectWithEnv({})
const db = new pg.Client({ connectionString: stack.dbUrl })
await db.connect()
const figures: Record<string, unknown> = { spans_per_encoding: SPANS, batch: 512, load_average_before: os.loadavg()[0] }
try {
  for (const protocol of ['http/protobuf', 'http/json']) {
    const path = `/${protocol.replace('/', '-')}`
    const { rows: [{ id }] } = await db.query(`insert into public.connections (organization_id, type, name, config)
      values ($1, 'otel', $2, $3) returning id`, [ACME, `bench ${protocol}`, { endpoint: `${receiver.url}${path}`, export: true, protocol }])
    await db.query(`insert into public.telemetry_signals (project_id, signal_type, source, name, otel_trace_id, otel_span_id, parent_span_id,
        kind, status, started_at, ended_at, service_name, attributes, resource_attributes)
      select $1, 'trace', 'opzenix', 'Task ' || i, md5('t' || (i / 8)), left(md5('s' || i), 16), left(md5('p' || (i / 8)), 16),
        'internal', 'unset', now() - interval '1 minute', now(), 'opzenix',
        jsonb_build_object('cicd.pipeline.task.name', 'Task ' || i, 'cicd.pipeline.task.run.result', 'success', 'cicd.pipeline.name', 'bench', 'opzenix.node.attempt', 1),
        jsonb_build_object('service.name', 'opzenix', 'cicd.pipeline.name', 'bench')
      from generate_series(1, $2) as i`, [PROJECT, SPANS])
    const started = performance.now()
    const steps = { claim: 0, send: 0, finish: 0 }
    for (;;) {
      const res = await fetch(`${stack.functionsUrl}/otel-export`, {
        method: 'POST', body: '{"max_batches": 200}',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.serviceRoleKey}`, apikey: stack.serviceRoleKey },
      })
      const body = await res.json()
      if (res.status !== 200) throw new Error(JSON.stringify(body))
      if (body.batches.length === 0) break
      for (const b of body.batches) for (const k of Object.keys(steps) as Array<keyof typeof steps>) steps[k] += b.ms[k]
    }
    const seconds = (performance.now() - started) / 1000
    const received = receiver.spans(path).length
    if (received !== SPANS) throw new Error(`${protocol}: received ${received} of ${SPANS}`)
    const bytes = receiver.received.filter((r) => r.path.startsWith(path)).reduce((n, r) => n + r.bytes.length, 0)
    figures[protocol] = { seconds: Math.round(seconds * 100) / 100, spans_per_second: Math.round(SPANS / seconds), bytes_per_span: Math.round(bytes / SPANS),
      ms_per_batch: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v / (SPANS / 512))])) }
    console.log(`${protocol}: ${SPANS} spans in ${seconds.toFixed(2)} s = ${Math.round(SPANS / seconds)}/s, ${Math.round(bytes / SPANS)} bytes/span, per batch ${JSON.stringify(figures[protocol])}`)
    await db.query(`update public.connections set config = config || '{"export": false}' where id = $1`, [id])
  }
  figures.load_average_after = os.loadavg()[0]
  await report('otel-export', figures, [])
} finally {
  await db.end()
  await stack.stop()
  await receiver.stop()
}
