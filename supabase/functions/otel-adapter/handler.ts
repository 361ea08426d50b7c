// otel-adapter: OTLP/HTTP receiver (https://opentelemetry.io/docs/specs/otlp/#otlphttp) for traces, metrics
// and logs, JSON or protobuf, gzip or not. Order: route → authenticate (ingest token) → content type →
// read (413) → decode (400, nothing written) → one insert → Export*ServiceResponse, with partialSuccess
// when some items could not be stored.
import { corsHeaders, errorResponse, HttpError } from '../_shared/http.ts'
import { toBatch } from '../_shared/otlp/batch.ts'
import { MalformedError } from '../_shared/otlp/values.ts'
import { decodeProtobuf, jsonResponse, type PartialSuccess, protobufResponse, protobufStatus, type Signal, signalFor } from '../_shared/otlp/signals.ts'
import { WireError } from '../_shared/otlp/wire.ts'
import { readBody } from './body.ts'
import { insertBatch } from './db.ts'
import { ingestRateLimits } from './rate-limits.ts'
import { badToken, forgetToken, requireIngestToken } from './token.ts'

type Encoding = 'json' | 'protobuf'

const PROTOBUF = 'application/x-protobuf'
const cors = {
  ...corsHeaders,
  'access-control-allow-headers': `${corsHeaders['access-control-allow-headers']}, content-encoding, x-opzenix-ingest-token`,
}

function encodingOf(req: Request): Encoding | undefined {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/json') return 'json'
  if (type === PROTOBUF) return 'protobuf'
  return undefined
}

// google.rpc.Code for the statuses an exporter may meet: INVALID_ARGUMENT, UNAUTHENTICATED, RESOURCE_EXHAUSTED
// (429, retryable after Retry-After as the OTLP spec says); anything else UNKNOWN.
const STATUS_CODES: Record<number, number> = { 400: 3, 401: 16, 429: 8 }

/** Errors: the shared JSON error shape (which is also a JSON google.rpc.Status via `message`), or a protobuf Status. */
function failure(error: unknown, encoding: Encoding | undefined): Response {
  if (encoding === 'protobuf' && error instanceof HttpError) {
    return new Response(protobufStatus(STATUS_CODES[error.status] ?? 2, error.message), {
      status: error.status,
      headers: { ...cors, ...error.headers, 'content-type': PROTOBUF },
    })
  }
  const response = errorResponse(error)
  if (!(error instanceof HttpError)) return response
  const body = { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) }
  return new Response(JSON.stringify({ error: body, message: error.message }), {
    status: error.status,
    headers: { ...cors, ...error.headers, 'content-type': 'application/json' },
  })
}

function parse(signal: Signal, bytes: Uint8Array, encoding: Encoding): unknown {
  try {
    if (encoding === 'protobuf') return decodeProtobuf(signal, bytes)
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error) {
    const what = encoding === 'protobuf' ? `protobuf ${signal.path.slice(4)} export request` : 'JSON'
    throw new HttpError(400, 'invalid_input', `The body is not a valid ${what}: ${(error as Error).message}`)
  }
}

export async function handler(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return new Response('ok', { headers: cors })
  const encoding = encodingOf(req)
  try {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST')
    const signal = signalFor(new URL(req.url).pathname)
    if (!signal) throw new HttpError(404, 'not_found', 'Post OTLP to /v1/traces, /v1/metrics or /v1/logs under this function')
    // Exporters carry an ingest token, not a user session; every write is scoped by ingest_otel_batch to the
    // token's project.
    const start = performance.now()
    // Counted while a known token is checked and the body read; an unknown token waits for the count before it is
    // looked up, so a flood of made-up tokens stops at the limit, not at the database. Nothing is decoded past it.
    const limited = ingestRateLimits(req)
    limited.catch(() => {}) // awaited below; this keeps an earlier refusal from leaving it unhandled
    const tokenHash = await requireIngestToken(req, () => limited)
    if (!encoding) throw new HttpError(415, 'unsupported_media_type', `Send ${PROTOBUF} or application/json`)
    const t0 = performance.now()
    const bytes = await readBody(req)
    const t1 = performance.now()
    await limited
    const t2 = performance.now()

    let rows
    try {
      rows = signal.rows(parse(signal, bytes, encoding))
    } catch (error) {
      if (error instanceof MalformedError || error instanceof WireError) throw new HttpError(400, 'invalid_input', error.message)
      throw error
    }
    const t3 = performance.now()
    let t4 = t3
    if (rows.rows.length > 0) {
      const batch = JSON.stringify(toBatch(tokenHash, rows.rows))
      t4 = performance.now()
      try {
        await insertBatch(batch)
      } catch (error) {
        if ((error as { code?: string }).code !== '28000') throw error
        forgetToken(tokenHash)
        throw badToken()
      }
    }
    const t5 = performance.now()
    // Server-Timing, ms per step: read by bench/otlp.ts for its breakdown.
    const timing = {
      'server-timing': Object.entries({ token: t0 - start, read: t1 - t0, rate_limit: t2 - t1, decode: t3 - t2, serialize: t4 - t3, insert: t5 - t4, total: t5 - start })
        .map(([name, ms]) => `${name};dur=${Math.round(ms * 100) / 100}`).join(', '),
    }
    const partial: PartialSuccess | undefined = rows.rejected > 0
      ? { rejected: rows.rejected, errorMessage: rows.errors.join('; ') }
      : undefined
    if (encoding === 'protobuf') {
      return new Response(protobufResponse(partial), { status: 200, headers: { ...cors, ...timing, 'content-type': PROTOBUF } })
    }
    return new Response(JSON.stringify(jsonResponse(signal, partial)), { status: 200, headers: { ...cors, ...timing, 'content-type': 'application/json' } })
  } catch (error) {
    return failure(error, encoding)
  }
}
