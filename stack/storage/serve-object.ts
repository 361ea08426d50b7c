import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import type { StorageContext } from './context.ts'
import { errors } from './errors.ts'
import type { StoredObject } from './objects.ts'

interface ServeOptions {
  download?: string | null
  /** Expiry of a signed URL, sent as the Expires header. */
  expires?: number
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid'
  let start: number
  let end: number
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]))
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  return start > end || start >= size ? 'invalid' : { start, end }
}

function contentDisposition(download: string, name: string): string {
  const filename = download || name.split('/').pop() || 'download'
  return `attachment; filename=${JSON.stringify(filename.replace(/[^\x20-\x7e]/g, '_'))}; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** Streams an object's bytes with the headers Supabase Storage sends (type, length, cache, etag, ranges, download). */
export async function serveObject(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, object: StoredObject, options: ServeOptions = {}): Promise<void> {
  const file = ctx.disk.pathOf(object.bucket_id, object.name)
  const info = await stat(file).catch(() => undefined)
  if (!info) throw errors.noSuchKey()
  const meta = object.metadata ?? {}
  const etag = String(meta.eTag ?? `"${object.version ?? object.id}"`)
  const headers: Record<string, string> = {
    'content-type': String(meta.mimetype ?? 'application/octet-stream'),
    'cache-control': String(meta.cacheControl ?? 'no-cache'),
    etag,
    'last-modified': new Date(meta.lastModified ?? object.updated_at).toUTCString(),
    'accept-ranges': 'bytes',
  }
  if (options.expires) headers.expires = new Date(options.expires * 1000).toUTCString()
  if (options.download !== undefined && options.download !== null) headers['content-disposition'] = contentDisposition(options.download, object.name)

  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end()
    return
  }
  const range = parseRange(req.headers.range, info.size)
  if (range === 'invalid') {
    res.writeHead(416, { 'content-range': `bytes */${info.size}` }).end()
    return
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${info.size}`
    headers['content-length'] = String(range.end - range.start + 1)
    res.writeHead(206, headers)
  } else {
    headers['content-length'] = String(info.size)
    res.writeHead(200, headers)
  }
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await pipeline(createReadStream(file, range ? { start: range.start, end: range.end } : {}), res)
}
