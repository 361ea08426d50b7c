// What every incoming webhook shares: JSON only, a size cap, the body read once as text for HMAC checks.
import { HttpError } from '../http.ts'

/** GitHub caps webhook payloads at 25 MB and never sends more; so do we. WEBHOOK_MAX_BYTES lowers it. */
export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024

export function maxBytes(): number {
  const configured = Number(Deno.env.get('WEBHOOK_MAX_BYTES'))
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_BYTES
}

export function requireJson(req: Request): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send JSON: in GitHub\'s webhook settings choose content type application/json')
  }
}

const tooLarge = (limit: number) => new HttpError(413, 'payload_too_large', `Payloads are limited to ${limit} bytes`)

/** Reads the body as UTF-8 text, refusing more than `limit` bytes whatever Content-Length claims. */
export async function readBody(req: Request, limit = maxBytes()): Promise<string> {
  const declared = Number(req.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  if (!req.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of req.body) {
    size += chunk.byteLength
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

export function parseJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value
  } catch { /* fall through */ }
  throw new HttpError(400, 'invalid_input', 'The body is not a JSON object')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The id after the function name: `/github-webhook/<id>` (as the runtime passes the path). */
export function routeId(req: Request, fn: string): string | undefined {
  const parts = new URL(req.url).pathname.split('/').filter(Boolean)
  const at = parts.indexOf(fn)
  const id = at >= 0 ? parts[at + 1] : undefined
  return id && UUID.test(id) ? id.toLowerCase() : undefined
}

/** Runs work after the response: the edge runtime's waitUntil where there is one. */
export function afterResponse(work: Promise<unknown>): void {
  // deno-lint-ignore no-explicit-any
  const runtime = (globalThis as any).EdgeRuntime
  if (typeof runtime?.waitUntil === 'function') runtime.waitUntil(work)
  else work.catch((error) => console.error(error))
}
