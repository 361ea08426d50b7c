// The protobuf encoder against the official OpenTelemetry JS serializers: SDK spans encoded by
// @opentelemetry/otlp-transformer and by encode.ts decode to the same request, and stored CI/CD span rows
// make a request whose protobuf and JSON forms carry the same spans.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from './decode.ts'
import { encodeMessage } from './encode.ts'
import { readPartialSuccess, type StoredSpan, traceRequest, traceRequestProtobuf } from './export.ts'
import { ExportTraceServiceRequest } from './schema.ts'
import { traceRows } from './rows.ts'

function sdkSpans() {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout' }), spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const tracer = provider.getTracer('encode-test', '1.0.0')
  const parent = tracer.startSpan('POST /pay', { kind: SpanKind.SERVER, attributes: { code: 502, big: 2 ** 60, ratio: 0.25, ok: false, empty: '', tags: ['a', 'b'] } })
  parent.addEvent('retry', { attempt: 2 })
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream failed' })
  parent.end()
  tracer.startSpan('db.query', { kind: SpanKind.CLIENT, startTime: [1_764_000_000, 123_456_789] }).end([1_764_000_001, 0])
  return exporter.getFinishedSpans()
}

describe('OTLP protobuf encoding', () => {
  it('re-encodes what the official serializer wrote into a message that decodes the same', () => {
    const official = ProtobufTraceSerializer.serializeRequest(sdkSpans())!
    const decoded = decodeMessage(official, ExportTraceServiceRequest)
    const ours = encodeMessage(decoded, ExportTraceServiceRequest)
    // The official serializer also writes zero counters and status codes; proto3 lets an encoder leave defaults out.
    const withoutZeroCounts = (message: unknown) => JSON.parse(JSON.stringify(message, (key, value) => (/^(dropped.*|code)$/.test(key) && value === 0 ? undefined : value)))
    expect(decodeMessage(ours, ExportTraceServiceRequest)).toEqual(withoutZeroCounts(decoded))
    expect(decodeMessage(encodeMessage(decodeMessage(ours, ExportTraceServiceRequest), ExportTraceServiceRequest), ExportTraceServiceRequest)).toEqual(withoutZeroCounts(decoded))
  })

  it('encodes the official JSON serialization to the same spans as the official protobuf', () => {
    const spans = sdkSpans()
    const fromJson = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!))
    const viaOurs = traceRows(decodeMessage(encodeMessage(fromJson, ExportTraceServiceRequest), ExportTraceServiceRequest))
    const viaOfficial = traceRows(decodeMessage(ProtobufTraceSerializer.serializeRequest(spans)!, ExportTraceServiceRequest))
    expect(JSON.parse(JSON.stringify(viaOurs))).toEqual(JSON.parse(JSON.stringify(viaOfficial)))
    expect(viaOurs.rows).toHaveLength(2)
  })

  it('turns stored CI/CD spans into a request with their ids, times, kinds and attributes as stored', () => {
    const stored: StoredSpan[] = [
      { trace_id: 'ab'.repeat(16), span_id: '01'.repeat(8), parent_span_id: null, name: 'RUN deploy', kind: 'server', status: 'error', status_message: 'Unit tests failed',
        start_ns: '1764000000123456000', end_ns: '1764000060000001000', attributes: { 'cicd.pipeline.name': 'deploy', 'cicd.pipeline.result': 'failure' },
        resource_attributes: { 'service.name': 'opzenix', 'cicd.pipeline.run.id': 'r1' } },
      { trace_id: 'ab'.repeat(16), span_id: '02'.repeat(8), parent_span_id: '01'.repeat(8), name: 'Build', kind: 'internal', status: 'unset',
        start_ns: '1764000000200000000', end_ns: '1764000030000000000', attributes: { 'cicd.pipeline.task.name': 'Build', 'opzenix.node.attempt': 2, ratio: 0.5, ok: true },
        resource_attributes: { 'service.name': 'opzenix', 'cicd.pipeline.run.id': 'r1' } },
    ]
    const request = traceRequest(stored)
    expect(request.resourceSpans).toHaveLength(1)
    for (const body of [request, decodeMessage(traceRequestProtobuf(request), ExportTraceServiceRequest)]) {
      const { rows } = traceRows(JSON.parse(JSON.stringify(body)))
      expect(rows.map((r) => [r.name, r.kind, r.status, r.span_id, r.parent_span_id, r.started_at, r.ended_at, r.service_name])).toEqual([
        ['RUN deploy', 'server', 'error', '01'.repeat(8), null, '2025-11-24T16:00:00.123456Z', '2025-11-24T16:01:00.000001Z', 'opzenix'],
        ['Build', 'internal', 'unset', '02'.repeat(8), '01'.repeat(8), '2025-11-24T16:00:00.200000Z', '2025-11-24T16:00:30.000000Z', 'opzenix'],
      ])
      expect(rows[1].attributes).toEqual(stored[1].attributes)
      expect(rows[0].resource_attributes).toEqual({ 'service.name': 'opzenix', 'cicd.pipeline.run.id': 'r1' })
    }
  })

  it('reads partialSuccess from JSON and protobuf responses', () => {
    expect(readPartialSuccess(new TextEncoder().encode('{"partialSuccess":{"rejectedSpans":"2","errorMessage":"bad span"}}'), 'application/json'))
      .toEqual({ rejected: 2, message: 'bad span' })
    expect(readPartialSuccess(new TextEncoder().encode('{}'), 'application/json')).toBeNull()
    expect(readPartialSuccess(Uint8Array.from([0x0a, 0x02, 0x08, 0x03]), 'application/x-protobuf')).toEqual({ rejected: 3, message: '' })
    expect(readPartialSuccess(new Uint8Array(0), 'application/x-protobuf')).toBeNull()
  })
})
