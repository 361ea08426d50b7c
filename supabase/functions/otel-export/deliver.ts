// One POST of an ExportTraceServiceRequest and what its answer means for the batch (OTLP/HTTP,
// https://opentelemetry.io/docs/specs/otlp/#otlphttp-response): 2xx delivered (maybe partially), 408/429/5xx
// and network errors or timeouts retried later, any other status rejected for good.
import { readPartialSuccess, traceRequest, traceRequestProtobuf, type StoredSpan } from '../_shared/otlp/export.ts'
import type { ExportConfig } from './config.ts'

export interface Delivery {
  outcome: 'delivered' | 'partial' | 'retry' | 'rejected'
  http_status: number | null
  message: string | null
  rejected_spans: number | null
  bytes: number
}

const RETRYABLE = new Set([408, 429])

export async function encodeBody(spans: StoredSpan[], config: ExportConfig): Promise<{ body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }> {
  const request = traceRequest(spans)
  const json = config.protocol === 'http/json'
  let body: Uint8Array<ArrayBuffer> = json ? new TextEncoder().encode(JSON.stringify(request)) : traceRequestProtobuf(request)
  const headers: Record<string, string> = { 'content-type': json ? 'application/json' : 'application/x-protobuf' }
  if (config.compression === 'gzip') {
    body = new Uint8Array(await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer())
    headers['content-encoding'] = 'gzip'
  }
  return { body, headers }
}

export async function deliver(url: URL, spans: StoredSpan[], config: ExportConfig, headers: Record<string, string>): Promise<Delivery> {
  const encoded = await encodeBody(spans, config)
  const bytes = encoded.body.length
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, ...encoded.headers },
      body: encoded.body,
      signal: AbortSignal.timeout(config.timeout_ms),
    })
  } catch (error) {
    const message = (error as Error).name === 'TimeoutError'
      ? `${url.origin} did not answer within ${config.timeout_ms} ms`
      : `${url.origin} could not be reached: ${(error as Error).message}`
    return { outcome: 'retry', http_status: null, message, rejected_spans: null, bytes }
  }
  const answer = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)))
  if (response.ok) {
    const partial = readPartialSuccess(answer, response.headers.get('content-type') ?? '')
    return partial
      ? { outcome: 'partial', http_status: response.status, message: partial.message || null, rejected_spans: partial.rejected, bytes }
      : { outcome: 'delivered', http_status: response.status, message: null, rejected_spans: null, bytes }
  }
  const text = new TextDecoder().decode(answer.subarray(0, 300)).replace(/[^\x20-\x7e]+/g, ' ').trim()
  const message = `${url.origin} answered ${response.status}${text ? `: ${text}` : ''}`
  const retry = RETRYABLE.has(response.status) || response.status >= 500
  return { outcome: retry ? 'retry' : 'rejected', http_status: response.status, message, rejected_spans: null, bytes }
}
