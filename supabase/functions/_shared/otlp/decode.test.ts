// The protobuf decoder against the official OpenTelemetry JS serializers: the same spans, metrics and log
// records encoded as OTLP protobuf and as OTLP JSON must give the same telemetry rows.
import { SeverityNumber } from '@opentelemetry/api-logs'
import { ProtobufLogsSerializer, ProtobufMetricsSerializer, ProtobufTraceSerializer, JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { decodeProtobuf, SIGNALS } from './signals.ts'
import { WireError, Writer } from './wire.ts'

const resource = resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'prod' })
const [traces, metrics, logs] = SIGNALS

function recordSpans() {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const tracer = provider.getTracer('decode-test', '1.2.3')
  const parent = tracer.startSpan('POST /pay', { kind: SpanKind.SERVER, attributes: { 'http.status_code': 502, big: 2 ** 60, ratio: 0.25, ok: false, tags: ['a', 'b'] } })
  parent.addEvent('retry', { attempt: 2 })
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream failed' })
  parent.end()
  tracer.startSpan('db.query', { kind: SpanKind.CLIENT, startTime: [1_764_000_000, 123_456_789] }).end([1_764_000_001, 0])
  return exporter.getFinishedSpans()
}

const decodeJson = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes))

describe('OTLP protobuf decoding', () => {
  it('gives the same span rows as OTLP JSON for spans from the SDK', () => {
    const spans = recordSpans()
    const fromProto = traces.rows(decodeProtobuf(traces, ProtobufTraceSerializer.serializeRequest(spans)!))
    const fromJson = traces.rows(decodeJson(JsonTraceSerializer.serializeRequest(spans)!))
    expect(fromProto.rejected).toBe(0)
    expect(fromProto.rows).toHaveLength(2)
    const [server, client] = fromProto.rows
    expect(server).toMatchObject({
      name: 'POST /pay', kind: 'server', status: 'error', service_name: 'checkout',
      trace_id: spans[0].spanContext().traceId, span_id: spans[0].spanContext().spanId,
      attributes: { 'http.status_code': 502, big: '1152921504606846976', ratio: 0.25, ok: false, tags: ['a', 'b'] },
      resource_attributes: { 'service.name': 'checkout', 'deployment.environment': 'prod' },
    })
    expect(server.scope).toEqual({ name: 'decode-test', version: '1.2.3' })
    expect(server.payload).toMatchObject({ statusMessage: 'upstream failed', events: [{ name: 'retry', attributes: { attempt: 2 } }] })
    expect(client).toMatchObject({ kind: 'client', status: 'unset', started_at: '2025-11-24T16:00:00.123456Z', ended_at: '2025-11-24T16:00:01.000000Z' })
    // JSON carries 64-bit integers as strings or numbers depending on the serializer; the rows agree either way.
    // The JSON serializer writes 2^60 as a JSON number (so it arrives rounded); protobuf keeps it exact.
    const comparable = (rows: typeof fromJson.rows) => rows.map(({ payload, attributes: { big, ...attributes }, ...r }) => ({ ...r, attributes }))
    expect(comparable(fromProto.rows)).toEqual(comparable(fromJson.rows))
  })

  it('decodes metrics (sum, gauge, histogram) and log records from the SDK', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })
    const meter = new MeterProvider({ resource, readers: [reader] }).getMeter('m')
    meter.createCounter('deploys').add(3, { env: 'prod' })
    meter.createHistogram('latency', { unit: 'ms' }).record(120)
    meter.createGauge('queue').record(-7)
    await reader.forceFlush()
    const collected = exporter.getMetrics()[0]
    const fromProto = metrics.rows(decodeProtobuf(metrics, ProtobufMetricsSerializer.serializeRequest(collected)!))
    const fromJson = metrics.rows(decodeJson(JsonMetricsSerializer.serializeRequest(collected)!))
    const byName = Object.fromEntries(fromProto.rows.map((r) => [r.name, r]))
    expect(byName.deploys).toMatchObject({ kind: 'sum', attributes: { env: 'prod' }, payload: { value: 3, isMonotonic: true } })
    expect(byName.latency).toMatchObject({ kind: 'histogram', payload: { count: '1', sum: 120, unit: 'ms' } })
    expect(byName.queue).toMatchObject({ kind: 'gauge', payload: { value: -7 } })
    expect(fromJson.rows.map((r) => [r.name, r.kind, Number(r.payload.value ?? r.payload.count)]))
      .toEqual(fromProto.rows.map((r) => [r.name, r.kind, Number(r.payload.value ?? r.payload.count)]))

    const logExporter = new InMemoryLogRecordExporter()
    const loggers = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] })
    loggers.getLogger('l').emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: { msg: 'disk full', free: 0 }, attributes: { host: 'a' } })
    await loggers.forceFlush()
    const records = logExporter.getFinishedLogRecords()
    const logged = logs.rows(decodeProtobuf(logs, ProtobufLogsSerializer.serializeRequest(records)!))
    expect(logged.rows).toMatchObject([{ signal_type: 'log', status: 'ERROR', attributes: { host: 'a' }, payload: { body: { msg: 'disk full', free: 0 }, severityNumber: 17 } }])
    expect(logs.rows(decodeJson(JsonLogsSerializer.serializeRequest(records)!)).rows[0].payload.body).toEqual({ msg: 'disk full', free: 0 })
  })

  it('counts spans with bad ids as rejected and keeps the rest', () => {
    const span = (traceId: string, spanId: string) => new Writer().len(1, hexBytes(traceId)).len(2, hexBytes(spanId)).len(5, 'x').finish()
    const scope = new Writer().len(2, span('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'))
      .len(2, span('0af7651916cd43dd8448eb211c80319c', '00000000000000')) // 7 bytes
      .len(2, span('00000000000000000000000000000000', 'b7ad6b7169203331')).finish()
    const body = new Writer().len(1, new Writer().len(2, scope).finish()).finish()
    const result = traces.rows(decodeProtobuf(traces, body))
    expect(result.rows.map((r) => r.span_id)).toEqual(['b7ad6b7169203331'])
    expect(result.rejected).toBe(2)
    expect(result.errors.join(' ')).toMatch(/spanId/)
  })

  it('refuses bytes that are not a protobuf encoding of the request', () => {
    expect(() => decodeProtobuf(traces, Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(WireError) // length past the end
    expect(() => decodeProtobuf(traces, Uint8Array.from([0x0b]))).toThrow(WireError) // wire type 3 (group)
    expect(() => decodeProtobuf(traces, Uint8Array.from([0x08, 0x01]))).toThrow(/wire type/) // resource_spans as a varint
    expect(() => decodeProtobuf(traces, Uint8Array.from([0x0a, 0x80]))).toThrow(WireError) // truncated varint
    expect(decodeProtobuf(traces, new Uint8Array(0))).toEqual({}) // an empty request is valid
  })

  it('skips fields it does not know, as protobuf readers must', () => {
    const known = new Writer().len(1, new Writer().len(2, new Writer().len(2,
      new Writer().len(1, hexBytes('0af7651916cd43dd8448eb211c80319c')).len(2, hexBytes('b7ad6b7169203331')).tag(99, 0).varint(5).tag(98, 1).raw(new Uint8Array(8)).finish(),
    ).finish()).finish()).finish()
    expect(traces.rows(decodeProtobuf(traces, known)).rows).toHaveLength(1)
  })
})

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)))
}
