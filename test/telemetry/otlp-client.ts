// Test helpers: spans made by the OpenTelemetry SDK, sent through the official OTLP exporters, and the
// ingest token an admin issues for the seeded OTLP connection.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { ExportResultCode, type ExportResult } from '@opentelemetry/core'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, type Client } from '../data-model/demo.ts'

export const OTEL_CONNECTION = '50000000-0000-4000-a000-000000000005'

export const ingestUrl = (stack: TestStack, signal: 'traces' | 'metrics' | 'logs') => `${stack.apiUrl}/functions/v1/otel-adapter/v1/${signal}`

/** Issues (rotating any previous one) the ingest token of the seeded otel connection for payments-api. */
export async function issueToken(admin: Client): Promise<string> {
  const { data, error } = await admin.rpc('issue_otel_ingest_token', { _connection_id: OTEL_CONNECTION, _project_id: DEMO.project })
  if (error) throw new Error(`issue token: ${error.message}`)
  return data[0].token
}

/** Two finished spans (a SERVER parent with an event and error status, a CLIENT child) from the SDK. */
export function makeSpans(service: string): ReadableSpan[] {
  const memory = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.4.2' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  })
  const tracer = provider.getTracer('opzenix-tests')
  const parent = tracer.startSpan('POST /payments', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.response.status_code': 502, retries: 2 } })
  parent.addEvent('upstream.timeout', { 'upstream.name': 'ledger' })
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'ledger timed out' })
  const child = tracer.startSpan('SELECT ledger', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } },
    trace.setSpan(context.active(), parent))
  child.end()
  parent.end()
  return memory.getFinishedSpans()
}

export type Encoding = 'json' | 'protobuf'

/** Sends spans with the official exporter for `encoding`; resolves with its ExportResult. */
export function exportSpans(url: string, headers: Record<string, string>, spans: ReadableSpan[], encoding: Encoding, gzip = false): Promise<ExportResult> {
  const options = { url, headers, compression: (gzip ? 'gzip' : 'none') as any, timeoutMillis: 15_000 }
  const exporter = encoding === 'json' ? new JsonExporter(options) : new ProtoExporter(options)
  return new Promise((resolve) => exporter.export(spans, resolve)).then(async (result) => {
    await exporter.shutdown()
    return result as ExportResult
  })
}

export { ExportResultCode }
