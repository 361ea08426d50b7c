import type { IncomingMessage } from 'node:http'
import { errors } from './errors.ts'

/** One uploaded file: its bytes and what the client said about them. */
export interface UploadBody {
  bytes: Buffer
  contentType: string
  cacheControl: string
  userMetadata?: Record<string, unknown>
}

// Room for multipart boundaries and form fields around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024

/**
 * Reads the whole request up to `limit` bytes. Beyond it the rest is drained (not stored) before
 * throwing, so the client still receives the error instead of a reset connection.
 */
export async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = Number.isFinite(declared) && declared > limit
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) tooLarge = true
    if (!tooLarge) chunks.push(chunk as Buffer)
  }
  if (tooLarge) throw errors.entityTooLarge()
  return Buffer.concat(chunks)
}

function cacheControlOf(value: string | undefined | null): string {
  if (!value) return 'no-cache'
  return /^\d+$/.test(value) ? `max-age=${value}` : value
}

function parseMetadata(raw: string | undefined | null): Record<string, unknown> | undefined {
  if (!raw) return undefined
  try {
    const parsed = JSON.parse(raw)
    return parsed && typeof parsed === 'object' ? parsed : undefined
  } catch {
    throw errors.invalidParameter('metadata', 'Invalid metadata')
  }
}

/** Reads an upload as storage-js sends it: a multipart form (file field plus cacheControl, metadata) or a raw body. */
export async function readUpload(req: IncomingMessage, sizeLimit: number): Promise<UploadBody> {
  const contentType = String(req.headers['content-type'] ?? 'application/octet-stream')
  if (/^multipart\/form-data/i.test(contentType)) {
    const raw = await readLimited(req, sizeLimit + MULTIPART_OVERHEAD)
    let form: FormData
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()
    } catch {
      throw errors.invalidRequest('Malformed multipart form')
    }
    let file: File | undefined
    for (const value of form.values()) {
      if (typeof value !== 'string') { file = value; break }
    }
    if (!file) throw errors.invalidRequest('No content provided')
    const bytes = Buffer.from(await file.arrayBuffer())
    if (bytes.length > sizeLimit) throw errors.entityTooLarge()
    const metadataField = form.get('metadata')
    return {
      bytes,
      contentType: file.type || 'application/octet-stream',
      cacheControl: cacheControlOf(form.get('cacheControl') as string | null),
      userMetadata: parseMetadata(typeof metadataField === 'string' ? metadataField : undefined),
    }
  }
  const bytes = await readLimited(req, sizeLimit)
  const encodedMetadata = req.headers['x-metadata']
  return {
    bytes,
    contentType,
    cacheControl: cacheControlOf(req.headers['cache-control'] as string | undefined),
    userMetadata: typeof encodedMetadata === 'string'
      ? parseMetadata(Buffer.from(encodedMetadata, 'base64').toString('utf8'))
      : undefined,
  }
}
