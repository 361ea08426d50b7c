import http, { type IncomingMessage, type ServerResponse } from 'node:http'

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** Reads a request body up to `limit` bytes; rejects with `PayloadTooLarge` beyond it. */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > limit) throw new PayloadTooLarge(limit)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export class PayloadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`payload exceeds ${limit} bytes`)
  }
}

/** Reads and parses a JSON body; an empty body is `{}`. Throws SyntaxError on malformed JSON. */
export async function readJson<T = any>(req: IncomingMessage, limit?: number): Promise<T> {
  const body = await readBody(req, limit)
  if (body.length === 0) return {} as T
  return JSON.parse(body.toString('utf8')) as T
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'])

/** Streams a request to `origin + path` and the answer back, headers (trace headers included) passed through. */
export function proxy(req: IncomingMessage, res: ServerResponse, origin: string, path: string, extraHeaders: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    const target = new URL(path, origin)
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name)) headers[name] = value
    }
    headers.host = target.host
    Object.assign(headers, extraHeaders)
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      const out: http.OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
      }
      res.writeHead(answer.statusCode ?? 502, out)
      answer.pipe(res)
      answer.on('end', resolve)
      answer.on('error', () => resolve())
    })
    upstream.on('error', (error) => {
      sendJson(res, 502, { message: `upstream unavailable: ${error.message}` })
      resolve()
    })
    req.pipe(upstream)
  })
}
