import http, { type IncomingMessage, type ServerResponse } from 'node:http'

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/**
 * Reads a request body up to `limit` bytes; rejects with `PayloadTooLarge` beyond it. The rest is read and
 * dropped rather than left unread: leaving the loop early destroys the socket, and the client (which may reuse
 * it for its next request) meets a reset instead of this answer.
 */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size <= limit) chunks.push(chunk as Buffer)
  }
  if (size > limit) throw new PayloadTooLarge(limit)
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

const hasBody = (req: IncomingMessage) =>
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined

/** A cap on bodies the client streams (chunked, no Content-Length) and how to refuse one that passes it. */
export interface StreamedBodyLimit {
  limit: number
  refuse: (res: ServerResponse) => void
}

/**
 * Streams a request to `origin + path` and the answer back, headers (trace headers included) passed through,
 * over `agent`'s kept-alive connections when one is given (else Node's global agent).
 * A body waits for the upstream's `100 Continue`: PostgREST refuses a bad JWT without reading the body and
 * closes the connection, and a body still being written then meets a reset instead of the 401.
 *
 * With `streamed`, a body of undeclared length is counted as it passes: at the limit the upstream request is
 * abandoned before its last chunk (so the upstream never acts on it: PostgREST reads a body whole before it
 * runs anything), the rest is read and dropped, and `refuse` answers.
 */
export function proxy(
  req: IncomingMessage, res: ServerResponse, origin: string, path: string, extraHeaders: Record<string, string> = {},
  streamed?: StreamedBodyLimit, agent?: http.Agent,
): Promise<void> {
  return new Promise((resolve) => {
    const target = new URL(path, origin)
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && name !== 'expect') headers[name] = value
    }
    headers.host = target.host
    const withBody = hasBody(req)
    if (withBody) headers.expect = '100-continue'
    Object.assign(headers, extraHeaders)
    let answered = false
    let sent = !withBody
    const upstream = http.request(target, { method: req.method, headers, agent }, (answer) => {
      answered = true
      const out: http.OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
      }
      res.writeHead(answer.statusCode ?? 502, out)
      answer.pipe(res)
      answer.on('end', () => {
        if (!sent) upstream.destroy() // the request was never finished: its connection cannot be reused
        resolve()
      })
      answer.on('error', () => resolve())
      // Answered without wanting the body: read it to the end so the client gets this answer.
      if (withBody && !req.readableEnded) req.resume()
    })
    let cut = false
    upstream.on('error', (error) => {
      if (!answered && !cut) sendJson(res, 502, { message: `upstream unavailable: ${error.message}` })
      resolve()
    })
    const send = () => {
      if (!streamed || req.headers['content-length'] !== undefined) return void req.pipe(upstream)
      let size = 0
      req.on('data', (chunk: Buffer) => {
        if (cut) return
        size += chunk.length
        if (size > streamed.limit) {
          cut = true
          upstream.destroy()
          if (!answered) streamed.refuse(res)
          resolve()
        } else if (!upstream.write(chunk)) {
          req.pause()
          upstream.once('drain', () => req.resume())
        }
      })
      req.on('end', () => { if (!cut) upstream.end() })
    }
    if (withBody) upstream.once('continue', () => { if (!answered) { sent = true; send() } })
    else req.pipe(upstream)
  })
}
