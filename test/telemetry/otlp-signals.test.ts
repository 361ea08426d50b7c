// otel-adapter: partial success (spec responses in JSON and protobuf), metrics and logs in OTLP JSON, and
// ingest tokens: only admins issue them, the API never shows their hash, and rotation retires the old one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { ingestUrl, issueToken, makeSpans, OTEL_CONNECTION } from './otlp-client.ts'

let stack: TestStack
let admin: Client
let token: string

beforeAll(async () => {
  stack = await startProjectStack()
  admin = await signIn(stack, 'admin@opzenix.dev')
  token = await issueToken(admin)
})
afterAll(() => stack?.stop())

const NOW_NS = `${Date.UTC(2026, 10, 28, 9, 0, 0)}000000`
const resource = (service: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }] })
const postJson = (signal: 'traces' | 'metrics' | 'logs', body: unknown) => fetch(ingestUrl(stack, signal), {
  method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
})
const rowsOf = (service: string) => sql(stack, 'select * from public.telemetry_signals where service_name = $1 order by id', [service])

describe('partial success', () => {
  it('stores the valid spans of a JSON request and reports the rejected ones', async () => {
    const span = (traceId: string, spanId: string, name: string) => ({ traceId, spanId, name, kind: 1, startTimeUnixNano: NOW_NS, endTimeUnixNano: NOW_NS })
    const response = await postJson('traces', { resourceSpans: [{ resource: resource('partial'), scopeSpans: [{ spans: [
      span('5B8EFFF798038103D269B633813FC60C', 'eee19b7ec3c1b174', 'kept (upper-case hex is accepted)'),
      span('5b8efff798038103d269b633813fc60c', 'not-hex-at-all!!', 'bad span id'),
      span('00000000000000000000000000000000', 'eee19b7ec3c1b175', 'all-zero trace id'),
    ] }] }] })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.partialSuccess.rejectedSpans).toBe('2')
    expect(body.partialSuccess.errorMessage).toMatch(/spanId.*traceId|traceId.*spanId/)
    const rows = await rowsOf('partial')
    expect(rows.map((r) => [r.name, r.otel_trace_id, r.kind])).toEqual([['kept (upper-case hex is accepted)', '5b8efff798038103d269b633813fc60c', 'internal']])
  })

  it('answers a protobuf request with a protobuf ExportTraceServiceResponse', async () => {
    const good = ProtobufTraceSerializer.serializeRequest(makeSpans('partial-proto'))!
    // Append a second ResourceSpans whose only span has a 3-byte trace id: field 1 { 2 { 2 { 1: 0xabcdef, 2: 8 bytes } } }.
    const badSpan = [0x0a, 0x03, 0xab, 0xcd, 0xef, 0x12, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]
    const scope = [0x12, badSpan.length, ...badSpan]
    const resourceSpans = [0x12, scope.length, ...scope]
    const body = new Uint8Array([...good, 0x0a, resourceSpans.length, ...resourceSpans])
    const response = await fetch(ingestUrl(stack, 'traces'), { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf', 'x-opzenix-ingest-token': token } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-protobuf')
    const bytes = new Uint8Array(await response.arrayBuffer())
    // partial_success (field 1, length-delimited) { rejected_spans (field 1, varint) = 1, error_message (field 2) }
    expect([bytes[0], bytes[2], bytes[3]]).toEqual([0x0a, 0x08, 1])
    expect(new TextDecoder().decode(bytes.subarray(6))).toMatch(/traceId/)
    expect(await rowsOf('partial-proto')).toHaveLength(2)
  })

  it('answers an all-valid request with an empty response', async () => {
    const response = await postJson('traces', { resourceSpans: [] })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({})
  })
})

describe('metrics and logs in OTLP JSON', () => {
  it('stores one row per data point, with its kind, value and attributes', async () => {
    const point = (value: Record<string, unknown>, env: string) => ({ ...value, timeUnixNano: NOW_NS, startTimeUnixNano: NOW_NS, attributes: [{ key: 'env', value: { stringValue: env } }] })
    const response = await postJson('metrics', { resourceMetrics: [{ resource: resource('metrics-svc'), scopeMetrics: [{ metrics: [
      { name: 'queue.depth', unit: '{item}', gauge: { dataPoints: [point({ asDouble: 4.5 }, 'prod'), point({ asInt: '12' }, 'dev')] } },
      { name: 'deploys', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [point({ asInt: 3 }, 'prod')] } },
      { name: 'latency', unit: 'ms', histogram: { aggregationTemporality: 2, dataPoints: [point({ count: '4', sum: 410, bucketCounts: ['1', '3'], explicitBounds: [100] }, 'prod')] } },
      { name: '', gauge: { dataPoints: [point({ asInt: 1 }, 'prod')] } },
    ] }] }] })
    expect(response.status).toBe(200)
    expect((await response.json()).partialSuccess).toEqual({ rejectedDataPoints: '1', errorMessage: 'a metric has no name' })
    const rows = await rowsOf('metrics-svc')
    expect(rows.map((r) => [r.signal_type, r.name, r.kind, r.attributes.env, r.payload.value ?? r.payload.count])).toEqual([
      ['metric', 'queue.depth', 'gauge', 'prod', 4.5],
      ['metric', 'queue.depth', 'gauge', 'dev', 12],
      ['metric', 'deploys', 'sum', 'prod', 3],
      ['metric', 'latency', 'histogram', 'prod', '4'],
    ])
    expect(rows[3].payload).toMatchObject({ sum: 410, unit: 'ms', bucketCounts: ['1', '3'], explicitBounds: [100] })
    expect(rows[0].ended_at.toISOString()).toBe('2026-11-28T09:00:00.000Z')
  })

  it('stores log records with severity, body and the span they belong to', async () => {
    const response = await postJson('logs', { resourceLogs: [{ resource: resource('logs-svc'), scopeLogs: [{ logRecords: [
      { timeUnixNano: NOW_NS, severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'payment declined' },
        attributes: [{ key: 'order.id', value: { intValue: '991' } }], traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' },
      { observedTimeUnixNano: NOW_NS, severityNumber: 9, body: { kvlistValue: { values: [{ key: 'ok', value: { boolValue: true } }] } } },
      { timeUnixNano: NOW_NS, traceId: 'xyz' },
    ] }] }] })
    expect(response.status).toBe(200)
    expect((await response.json()).partialSuccess.rejectedLogRecords).toBe('1')
    const rows = await rowsOf('logs-svc')
    expect(rows.map((r) => [r.signal_type, r.status, r.payload.body, r.otel_trace_id, r.attributes])).toEqual([
      ['log', 'ERROR', 'payment declined', '5b8efff798038103d269b633813fc60c', { 'order.id': 991 }],
      ['log', 'INFO', { ok: true }, null, {}],
    ])
  })
})

describe('ingest tokens', () => {
  it('are issued by organization admins only, for otel connections only', async () => {
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const refused = await operator.rpc('issue_otel_ingest_token', { _connection_id: OTEL_CONNECTION, _project_id: DEMO.project })
    expect(refused.error?.code).toBe('42501')
    const github = await admin.rpc('issue_otel_ingest_token', { _connection_id: DEMO.connection, _project_id: DEMO.project })
    expect(github.error?.message).toMatch(/not otel/)
  })

  it('are listed by their hint and never by their hash; rotation leaves one active token', async () => {
    const fresh = await issueToken(admin)
    const { data } = await admin.from('otel_ingest_tokens').select('token_hint, revoked_at').eq('connection_id', OTEL_CONNECTION)
    expect(data!.filter((t) => t.revoked_at === null)).toEqual([{ token_hint: fresh.slice(-4), revoked_at: null }])
    const hash = await admin.from('otel_ingest_tokens').select('token_hash')
    expect(hash.error?.code).toBe('42501')
    const stored = await sql(stack, 'select token_hash from public.otel_ingest_tokens where revoked_at is null')
    expect(stored[0].token_hash).not.toContain(fresh.slice(9))
    token = fresh
  })
})
