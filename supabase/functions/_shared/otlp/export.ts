// Stored spans → an OTLP ExportTraceServiceRequest (JSON shape; encode.ts turns it into protobuf), and
// the partialSuccess of the receiver's ExportTraceServiceResponse. What otel-export sends.
import { decodeMessage, type MessageType } from './decode.ts'
import { encodeMessage } from './encode.ts'
import { ExportTraceServiceRequest } from './schema.ts'
import type { Json } from './values.ts'

/** One telemetry_signals span as claim_otel_export_batch returns it. */
export interface StoredSpan {
  trace_id: string
  span_id: string
  parent_span_id: string | null
  name: string | null
  kind: string | null
  status: string | null
  status_message?: string | null
  /** Nanoseconds since the epoch, decimal. */
  start_ns: string
  end_ns: string
  attributes: Record<string, Json>
  resource_attributes: Record<string, Json>
}

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const
const STATUS_CODES: Record<string, number> = { unset: 0, ok: 1, error: 2 }

/** A plain JSON value as an OTLP AnyValue (integers as int64 strings, as the proto3 JSON mapping has them). */
export function toAnyValue(value: Json): Record<string, unknown> {
  if (value === null) return {}
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } }
  return { kvlistValue: { values: toKeyValues(value) } }
}

export function toKeyValues(attributes: Record<string, Json>): Array<{ key: string; value: Record<string, unknown> }> {
  return Object.entries(attributes ?? {}).map(([key, value]) => ({ key, value: toAnyValue(value) }))
}

export interface RequestOptions {
  /** Resource service.name, whatever the rows say (default 'opzenix'). */
  serviceName?: string
  scope?: { name: string; version?: string }
}

/**
 * One ResourceSpans per distinct resource (a run's spans share one), with service.name set; ids, parent
 * ids, timestamps and attributes exactly as stored.
 */
export function traceRequest(spans: StoredSpan[], options: RequestOptions = {}): { resourceSpans: unknown[] } {
  const serviceName = options.serviceName ?? 'opzenix'
  const scope = options.scope ?? { name: 'opzenix' }
  const groups = new Map<string, { resource: Record<string, Json>; spans: unknown[] }>()
  for (const span of spans) {
    const resource = { ...span.resource_attributes, 'service.name': serviceName }
    const key = JSON.stringify(Object.entries(resource).sort(([a], [b]) => (a < b ? -1 : 1)))
    let group = groups.get(key)
    if (!group) groups.set(key, group = { resource, spans: [] })
    const kind = SPAN_KINDS.indexOf((span.kind ?? 'unspecified') as (typeof SPAN_KINDS)[number])
    group.spans.push({
      traceId: span.trace_id,
      spanId: span.span_id,
      ...(span.parent_span_id ? { parentSpanId: span.parent_span_id } : {}),
      name: span.name ?? '',
      kind: kind < 0 ? 0 : kind,
      startTimeUnixNano: span.start_ns,
      endTimeUnixNano: span.end_ns,
      attributes: toKeyValues(span.attributes),
      status: {
        code: STATUS_CODES[span.status ?? 'unset'] ?? 0,
        ...(span.status_message ? { message: span.status_message } : {}),
      },
    })
  }
  return {
    resourceSpans: [...groups.values()].map((group) => ({
      resource: { attributes: toKeyValues(group.resource) },
      scopeSpans: [{ scope, spans: group.spans }],
    })),
  }
}

export function traceRequestProtobuf(request: { resourceSpans: unknown[] }): Uint8Array<ArrayBuffer> {
  return encodeMessage(request, ExportTraceServiceRequest)
}

const ExportTracePartialSuccess: MessageType = {
  1: { name: 'rejectedSpans', type: 'int64' },
  2: { name: 'errorMessage', type: 'string' },
}
const ExportTraceServiceResponse: MessageType = { 1: { name: 'partialSuccess', type: () => ExportTracePartialSuccess } }

export interface PartialSuccess {
  rejected: number
  message: string
}

/** The partialSuccess of a 2xx answer, if it reports anything (an unreadable body counts as full success). */
export function readPartialSuccess(body: Uint8Array, contentType: string): PartialSuccess | null {
  if (body.length === 0) return null
  let response: Record<string, unknown>
  try {
    response = contentType.includes('json')
      ? JSON.parse(new TextDecoder().decode(body))
      : decodeMessage(body, ExportTraceServiceResponse)
  } catch {
    return null
  }
  const partial = response?.partialSuccess as { rejectedSpans?: unknown; errorMessage?: unknown } | undefined
  if (!partial) return null
  const rejected = Number(partial.rejectedSpans ?? 0) || 0
  const message = typeof partial.errorMessage === 'string' ? partial.errorMessage : ''
  return rejected > 0 || message ? { rejected, message } : null
}
