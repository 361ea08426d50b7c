// OTLP export requests (JSON shape; protobuf is decoded to it first) → telemetry_signals rows, counting the
// items that cannot be stored (bad ids, no name, unreadable times) for the partial-success answer.
import { attributes, enumValue, hexId, isObject, type Json, listOf, MalformedError, nanosToIso, anyValue } from './values.ts'

export type SignalType = 'trace' | 'metric' | 'log'

export interface SignalRow {
  signal_type: SignalType
  name: string | null
  trace_id: string | null
  span_id: string | null
  parent_span_id: string | null
  kind: string | null
  status: string | null
  started_at: string | null
  ended_at: string | null
  service_name: string | null
  attributes: Record<string, Json>
  resource_attributes: Record<string, Json>
  /** The instrumentation scope; stored in payload.scope. */
  scope: Scope | undefined
  payload: Record<string, unknown>
}

export interface Scope { name?: string; version?: string }

export interface Rows {
  rows: SignalRow[]
  rejected: number
  /** The first few reasons, for partialSuccess.errorMessage. */
  errors: string[]
}

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const
const STATUS_CODES = ['unset', 'ok', 'error'] as const
const SEVERITIES = ['', 'TRACE', 'TRACE2', 'TRACE3', 'TRACE4', 'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4', 'INFO', 'INFO2', 'INFO3',
  'INFO4', 'WARN', 'WARN2', 'WARN3', 'WARN4', 'ERROR', 'ERROR2', 'ERROR3', 'ERROR4', 'FATAL', 'FATAL2', 'FATAL3', 'FATAL4']

type Obj = Record<string, unknown>

function root(body: unknown): Obj {
  if (!isObject(body)) throw new MalformedError('the body must be a JSON object (an OTLP export request)')
  return body
}

function collector(): Rows & { reject(reason: string): void } {
  const result: Rows = { rows: [], rejected: 0, errors: [] }
  return Object.assign(result, {
    reject(reason: string) {
      result.rejected++
      if (result.errors.length < 5 && !result.errors.includes(reason)) result.errors.push(reason)
    },
  })
}

function scopeOf(scope: unknown): Scope | undefined {
  if (!isObject(scope)) return undefined
  return { name: typeof scope.name === 'string' ? scope.name : undefined, version: typeof scope.version === 'string' ? scope.version : undefined }
}

/** Walks resource → scope → items, handing each item its resource attributes and scope. */
function walk(body: unknown, keys: [string, string, string], visit: (item: Obj, resource: Record<string, Json>, scope: Scope | undefined) => void) {
  const [resources, scopes, items] = keys
  for (const r of listOf(root(body), resources, 'request')) {
    const resource = attributes(isObject(r.resource) ? r.resource.attributes : undefined)
    for (const s of listOf(r, scopes, resources)) {
      const scope = scopeOf(s.scope)
      for (const item of listOf(s, items, scopes)) visit(item, resource, scope)
    }
  }
}

const serviceOf = (resource: Record<string, Json>) => (typeof resource['service.name'] === 'string' ? resource['service.name'] as string : null)
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)

export function traceRows(body: unknown): Rows {
  const out = collector()
  walk(body, ['resourceSpans', 'scopeSpans', 'spans'], (span, resource, scope) => {
    const traceId = hexId(span.traceId, 'trace')
    const spanId = hexId(span.spanId, 'span')
    const parent = hexId(span.parentSpanId, 'span')
    if (!traceId) return out.reject('a span has a missing or invalid traceId (32 hex digits, not all zero)')
    if (!spanId) return out.reject('a span has a missing or invalid spanId (16 hex digits, not all zero)')
    if (parent === undefined) return out.reject('a span has an invalid parentSpanId')
    const start = nanosToIso(span.startTimeUnixNano)
    const end = nanosToIso(span.endTimeUnixNano)
    if (start === undefined || end === undefined) return out.reject('a span has an unreadable start or end time')
    const status = isObject(span.status) ? span.status : {}
    out.rows.push({
      signal_type: 'trace', name: str(span.name), trace_id: traceId, span_id: spanId, parent_span_id: parent || null,
      kind: SPAN_KINDS[enumValue(span.kind, SPAN_KINDS, 'SPAN_KIND_')] ?? 'unspecified',
      status: STATUS_CODES[enumValue(status.code, STATUS_CODES, 'STATUS_CODE_')] ?? 'unset',
      started_at: start, ended_at: end, service_name: serviceOf(resource),
      attributes: attributes(span.attributes), resource_attributes: resource, scope,
      payload: {
        traceState: str(span.traceState) ?? undefined, flags: span.flags, statusMessage: str(status.message) ?? undefined,
        events: Array.isArray(span.events) && span.events.length
          ? span.events.filter(isObject).map((e) => ({ name: e.name, timeUnixNano: e.timeUnixNano, attributes: attributes(e.attributes) }))
          : undefined,
        links: Array.isArray(span.links) && span.links.length
          ? span.links.filter(isObject).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: attributes(l.attributes) }))
          : undefined,
      },
    })
  })
  return out
}

const METRIC_KINDS = [['gauge', 'gauge'], ['sum', 'sum'], ['histogram', 'histogram'],
  ['exponentialHistogram', 'exponential_histogram'], ['summary', 'summary']] as const
const POINT_FIELDS = ['asDouble', 'asInt', 'count', 'sum', 'bucketCounts', 'explicitBounds', 'min', 'max', 'scale',
  'zeroCount', 'zeroThreshold', 'positive', 'negative', 'quantileValues', 'flags']

export function metricRows(body: unknown): Rows {
  const out = collector()
  walk(body, ['resourceMetrics', 'scopeMetrics', 'metrics'], (metric, resource, scope) => {
    const found = METRIC_KINDS.find(([key]) => isObject(metric[key]))
    if (!found) return
    const data = metric[found[0]] as Obj
    for (const point of listOf(data, 'dataPoints', found[0])) {
      if (!str(metric.name)) { out.reject('a metric has no name'); continue }
      const start = nanosToIso(point.startTimeUnixNano)
      const time = nanosToIso(point.timeUnixNano)
      if (start === undefined || !time) { out.reject('a data point has a missing or unreadable timeUnixNano'); continue }
      if ((found[0] === 'gauge' || found[0] === 'sum') && point.asDouble === undefined && point.asInt === undefined) {
        out.reject('a number data point has neither asDouble nor asInt'); continue
      }
      const values: Record<string, unknown> = {}
      for (const key of POINT_FIELDS) if (point[key] !== undefined) values[key] = point[key]
      if ('asInt' in values) values.value = Number(values.asInt)
      else if ('asDouble' in values) values.value = values.asDouble
      out.rows.push({
        signal_type: 'metric', name: metric.name as string, trace_id: null, span_id: null, parent_span_id: null,
        kind: found[1], status: null, started_at: start, ended_at: time, service_name: serviceOf(resource),
        attributes: attributes(point.attributes), resource_attributes: resource, scope,
        payload: {
          ...values, unit: str(metric.unit) ?? undefined, description: str(metric.description) ?? undefined,
          aggregationTemporality: data.aggregationTemporality, isMonotonic: data.isMonotonic,
        },
      })
    }
  })
  return out
}

export function logRows(body: unknown): Rows {
  const out = collector()
  walk(body, ['resourceLogs', 'scopeLogs', 'logRecords'], (record, resource, scope) => {
    const traceId = hexId(record.traceId, 'trace')
    const spanId = hexId(record.spanId, 'span')
    if (traceId === undefined || spanId === undefined) return out.reject('a log record has an invalid traceId or spanId')
    const time = nanosToIso(record.timeUnixNano)
    const observed = nanosToIso(record.observedTimeUnixNano)
    if (time === undefined || observed === undefined) return out.reject('a log record has an unreadable time')
    const severity = typeof record.severityNumber === 'number' ? record.severityNumber : enumValue(record.severityNumber, SEVERITIES.map((s) => s.toLowerCase()), 'SEVERITY_NUMBER_')
    out.rows.push({
      signal_type: 'log', name: str(record.eventName), trace_id: traceId || null, span_id: spanId || null, parent_span_id: null,
      kind: null, status: str(record.severityText) ?? (SEVERITIES[severity] || null), started_at: time ?? observed, ended_at: null,
      service_name: serviceOf(resource), attributes: attributes(record.attributes), resource_attributes: resource, scope,
      payload: {
        body: anyValue(record.body), severityNumber: severity || undefined, flags: record.flags,
        timeUnixNano: record.timeUnixNano, observedTimeUnixNano: record.observedTimeUnixNano,
      },
    })
  })
  return out
}
