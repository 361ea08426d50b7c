// Reads an OTLP body with a size cap that also bounds what gzip may expand to.
import { HttpError } from '../_shared/http.ts'

export const MAX_BODY_BYTES = Number(Deno.env.get('OTEL_ADAPTER_MAX_BODY_BYTES') ?? 8 * 1024 * 1024)

const tooLarge = () => new HttpError(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes; send smaller batches`)

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The request body, gunzipped when Content-Encoding says gzip; 413 past the cap, 400 for a bad gzip stream. */
export async function readBody(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase()
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError(415, 'unsupported_media_type', `Content-Encoding ${encoding} is not supported; send gzip or no encoding`)
  }
  if (!req.body) return new Uint8Array(0)
  if (encoding === 'identity') return collect(req.body, MAX_BODY_BYTES)
  const compressed = await collect(req.body, MAX_BODY_BYTES)
  try {
    const inflated = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
    return await collect(inflated, MAX_BODY_BYTES)
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'invalid_input', 'The body is not a valid gzip stream')
  }
}
