// The OTLP protobuf messages otel-adapter accepts (opentelemetry-proto, v1 collector services), as field
// tables for decode.ts: field number → JSON name, type, repeated.
import type { MessageType } from './decode.ts'

const kvs = (name: string) => ({ name, type: () => KeyValue, repeated: true })

export const AnyValue: MessageType = {
  1: { name: 'stringValue', type: 'string' },
  2: { name: 'boolValue', type: 'bool' },
  3: { name: 'intValue', type: 'int64' },
  4: { name: 'doubleValue', type: 'double' },
  5: { name: 'arrayValue', type: () => ArrayValue },
  6: { name: 'kvlistValue', type: () => KeyValueList },
  7: { name: 'bytesValue', type: 'bytes' },
}
export const ArrayValue: MessageType = { 1: { name: 'values', type: () => AnyValue, repeated: true } }
export const KeyValueList: MessageType = { 1: kvs('values') }
export const KeyValue: MessageType = { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: () => AnyValue } }

export const Resource: MessageType = { 1: kvs('attributes'), 2: { name: 'droppedAttributesCount', type: 'uint32' } }
export const InstrumentationScope: MessageType = {
  1: { name: 'name', type: 'string' },
  2: { name: 'version', type: 'string' },
  3: kvs('attributes'),
  4: { name: 'droppedAttributesCount', type: 'uint32' },
}

// ---------------------------------------------------------------- traces

const SpanEvent: MessageType = {
  1: { name: 'timeUnixNano', type: 'fixed64' },
  2: { name: 'name', type: 'string' },
  3: kvs('attributes'),
  4: { name: 'droppedAttributesCount', type: 'uint32' },
}
const SpanLink: MessageType = {
  1: { name: 'traceId', type: 'id' },
  2: { name: 'spanId', type: 'id' },
  3: { name: 'traceState', type: 'string' },
  4: kvs('attributes'),
  5: { name: 'droppedAttributesCount', type: 'uint32' },
  6: { name: 'flags', type: 'fixed32' },
}
const SpanStatus: MessageType = { 2: { name: 'message', type: 'string' }, 3: { name: 'code', type: 'enum' } }
export const Span: MessageType = {
  1: { name: 'traceId', type: 'id' },
  2: { name: 'spanId', type: 'id' },
  3: { name: 'traceState', type: 'string' },
  4: { name: 'parentSpanId', type: 'id' },
  5: { name: 'name', type: 'string' },
  6: { name: 'kind', type: 'enum' },
  7: { name: 'startTimeUnixNano', type: 'fixed64' },
  8: { name: 'endTimeUnixNano', type: 'fixed64' },
  9: kvs('attributes'),
  10: { name: 'droppedAttributesCount', type: 'uint32' },
  11: { name: 'events', type: () => SpanEvent, repeated: true },
  12: { name: 'droppedEventsCount', type: 'uint32' },
  13: { name: 'links', type: () => SpanLink, repeated: true },
  14: { name: 'droppedLinksCount', type: 'uint32' },
  15: { name: 'status', type: () => SpanStatus },
  16: { name: 'flags', type: 'fixed32' },
}
const ScopeSpans: MessageType = {
  1: { name: 'scope', type: () => InstrumentationScope },
  2: { name: 'spans', type: () => Span, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
const ResourceSpans: MessageType = {
  1: { name: 'resource', type: () => Resource },
  2: { name: 'scopeSpans', type: () => ScopeSpans, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
export const ExportTraceServiceRequest: MessageType = { 1: { name: 'resourceSpans', type: () => ResourceSpans, repeated: true } }

// ---------------------------------------------------------------- metrics

const Exemplar: MessageType = {
  7: kvs('filteredAttributes'),
  2: { name: 'timeUnixNano', type: 'fixed64' },
  3: { name: 'asDouble', type: 'double' },
  6: { name: 'asInt', type: 'sfixed64' },
  4: { name: 'spanId', type: 'id' },
  5: { name: 'traceId', type: 'id' },
}
const exemplars = (n: number) => ({ [n]: { name: 'exemplars', type: () => Exemplar, repeated: true } })
const NumberDataPoint: MessageType = {
  7: kvs('attributes'),
  2: { name: 'startTimeUnixNano', type: 'fixed64' },
  3: { name: 'timeUnixNano', type: 'fixed64' },
  4: { name: 'asDouble', type: 'double' },
  6: { name: 'asInt', type: 'sfixed64' },
  ...exemplars(5),
  8: { name: 'flags', type: 'uint32' },
}
const HistogramDataPoint: MessageType = {
  9: kvs('attributes'),
  2: { name: 'startTimeUnixNano', type: 'fixed64' },
  3: { name: 'timeUnixNano', type: 'fixed64' },
  4: { name: 'count', type: 'fixed64' },
  5: { name: 'sum', type: 'double' },
  6: { name: 'bucketCounts', type: 'fixed64', repeated: true },
  7: { name: 'explicitBounds', type: 'double', repeated: true },
  ...exemplars(8),
  10: { name: 'flags', type: 'uint32' },
  11: { name: 'min', type: 'double' },
  12: { name: 'max', type: 'double' },
}
const Buckets: MessageType = {
  1: { name: 'offset', type: 'sint32' },
  2: { name: 'bucketCounts', type: 'uint64', repeated: true },
}
const ExponentialHistogramDataPoint: MessageType = {
  1: kvs('attributes'),
  2: { name: 'startTimeUnixNano', type: 'fixed64' },
  3: { name: 'timeUnixNano', type: 'fixed64' },
  4: { name: 'count', type: 'fixed64' },
  5: { name: 'sum', type: 'double' },
  6: { name: 'scale', type: 'sint32' },
  7: { name: 'zeroCount', type: 'fixed64' },
  8: { name: 'positive', type: () => Buckets },
  9: { name: 'negative', type: () => Buckets },
  10: { name: 'flags', type: 'uint32' },
  ...exemplars(11),
  12: { name: 'min', type: 'double' },
  13: { name: 'max', type: 'double' },
  14: { name: 'zeroThreshold', type: 'double' },
}
const ValueAtQuantile: MessageType = { 1: { name: 'quantile', type: 'double' }, 2: { name: 'value', type: 'double' } }
const SummaryDataPoint: MessageType = {
  7: kvs('attributes'),
  2: { name: 'startTimeUnixNano', type: 'fixed64' },
  3: { name: 'timeUnixNano', type: 'fixed64' },
  4: { name: 'count', type: 'fixed64' },
  5: { name: 'sum', type: 'double' },
  6: { name: 'quantileValues', type: () => ValueAtQuantile, repeated: true },
  8: { name: 'flags', type: 'uint32' },
}
const points = (type: MessageType) => ({ 1: { name: 'dataPoints', type: () => type, repeated: true } })
const temporality = { name: 'aggregationTemporality', type: 'enum' } as const
export const Metric: MessageType = {
  1: { name: 'name', type: 'string' },
  2: { name: 'description', type: 'string' },
  3: { name: 'unit', type: 'string' },
  5: { name: 'gauge', type: () => points(NumberDataPoint) },
  7: { name: 'sum', type: () => ({ ...points(NumberDataPoint), 2: temporality, 3: { name: 'isMonotonic', type: 'bool' } }) },
  9: { name: 'histogram', type: () => ({ ...points(HistogramDataPoint), 2: temporality }) },
  10: { name: 'exponentialHistogram', type: () => ({ ...points(ExponentialHistogramDataPoint), 2: temporality }) },
  11: { name: 'summary', type: () => points(SummaryDataPoint) },
  12: kvs('metadata'),
}
const ScopeMetrics: MessageType = {
  1: { name: 'scope', type: () => InstrumentationScope },
  2: { name: 'metrics', type: () => Metric, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
const ResourceMetrics: MessageType = {
  1: { name: 'resource', type: () => Resource },
  2: { name: 'scopeMetrics', type: () => ScopeMetrics, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
export const ExportMetricsServiceRequest: MessageType = { 1: { name: 'resourceMetrics', type: () => ResourceMetrics, repeated: true } }

// ---------------------------------------------------------------- logs

export const LogRecord: MessageType = {
  1: { name: 'timeUnixNano', type: 'fixed64' },
  11: { name: 'observedTimeUnixNano', type: 'fixed64' },
  2: { name: 'severityNumber', type: 'enum' },
  3: { name: 'severityText', type: 'string' },
  5: { name: 'body', type: () => AnyValue },
  6: kvs('attributes'),
  7: { name: 'droppedAttributesCount', type: 'uint32' },
  8: { name: 'flags', type: 'fixed32' },
  9: { name: 'traceId', type: 'id' },
  10: { name: 'spanId', type: 'id' },
  12: { name: 'eventName', type: 'string' },
}
const ScopeLogs: MessageType = {
  1: { name: 'scope', type: () => InstrumentationScope },
  2: { name: 'logRecords', type: () => LogRecord, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
const ResourceLogs: MessageType = {
  1: { name: 'resource', type: () => Resource },
  2: { name: 'scopeLogs', type: () => ScopeLogs, repeated: true },
  3: { name: 'schemaUrl', type: 'string' },
}
export const ExportLogsServiceRequest: MessageType = { 1: { name: 'resourceLogs', type: () => ResourceLogs, repeated: true } }
