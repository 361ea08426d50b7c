// The three OTLP/HTTP signals: where they are posted, how their request decodes, what rows they make, and
// the Export*ServiceResponse that answers them (JSON or protobuf, matching the request).
import { decodeMessage, type MessageType } from './decode.ts'
import { logRows, metricRows, type Rows, traceRows } from './rows.ts'
import { ExportLogsServiceRequest, ExportMetricsServiceRequest, ExportTraceServiceRequest } from './schema.ts'
import { Writer } from './wire.ts'

export interface Signal {
  path: '/v1/traces' | '/v1/metrics' | '/v1/logs'
  request: MessageType
  rows(body: unknown): Rows
  /** The partialSuccess counter's JSON name. */
  rejectedField: 'rejectedSpans' | 'rejectedDataPoints' | 'rejectedLogRecords'
}

export const SIGNALS: Signal[] = [
  { path: '/v1/traces', request: ExportTraceServiceRequest, rows: traceRows, rejectedField: 'rejectedSpans' },
  { path: '/v1/metrics', request: ExportMetricsServiceRequest, rows: metricRows, rejectedField: 'rejectedDataPoints' },
  { path: '/v1/logs', request: ExportLogsServiceRequest, rows: logRows, rejectedField: 'rejectedLogRecords' },
]

/** The signal a request path ends with (the function sees `/otel-adapter/v1/traces`, hosted or local). */
export function signalFor(pathname: string): Signal | undefined {
  return SIGNALS.find((s) => pathname.endsWith(s.path))
}

export function decodeProtobuf(signal: Signal, bytes: Uint8Array): Record<string, unknown> {
  return decodeMessage(bytes, signal.request)
}

export interface PartialSuccess {
  rejected: number
  errorMessage: string
}

/** Export*ServiceResponse in JSON: `{}` when everything was accepted. */
export function jsonResponse(signal: Signal, partial?: PartialSuccess): Record<string, unknown> {
  if (!partial) return {}
  return { partialSuccess: { [signal.rejectedField]: String(partial.rejected), errorMessage: partial.errorMessage } }
}

/** Export*ServiceResponse in protobuf: field 1 partial_success { 1: rejected (int64), 2: error_message }. */
export function protobufResponse(partial?: PartialSuccess): Uint8Array<ArrayBuffer> {
  if (!partial) return new Uint8Array(0)
  const inner = new Writer().tag(1, 0).varint(partial.rejected).len(2, partial.errorMessage).finish()
  return new Writer().len(1, inner).finish()
}

/** google.rpc.Status { 1: code, 2: message }: the body OTLP/HTTP error responses carry in protobuf. */
export function protobufStatus(code: number, message: string): Uint8Array<ArrayBuffer> {
  return new Writer().tag(1, 0).varint(code).len(2, message).finish()
}
