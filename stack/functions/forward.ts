import http, { type IncomingMessage, type ServerResponse } from 'node:http'

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'])

function copyHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
  }
  return out
}

/**
 * Streams the request to a worker and its answer back (method, headers, body, status). The Host header is
 * kept so that the function's `req.url` names the gateway. Resolves 'crashed' when the worker went away
 * before answering, so the caller can report it as the runtime does.
 *
 * The body was read whole beforehand (`body`), so the caller's connection never carries unread bytes when a
 * function answers early, and it waits for the worker's `100 Continue`: a function that answers without reading
 * it (a 415, a refused token) closes the connection, and a body still being written would meet that reset.
 */
export function forward(req: IncomingMessage, res: ServerResponse, origin: string, path: string, body: Buffer): Promise<'ok' | 'crashed'> {
  return new Promise((resolve) => {
    const headers = copyHeaders(req.headers)
    // As the platform's gateway does, the function learns who called: the socket's address, never what the
    // client claimed (functions' rate limits count per address).
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown'
    delete headers.expect
    delete headers['transfer-encoding']
    headers['content-length'] = String(body.length)
    const withBody = body.length > 0
    if (withBody) headers.expect = '100-continue'
    let answered = false
    let sent = !withBody
    const upstream = http.request(new URL(path, origin), { method: req.method, headers }, (answer) => {
      answered = true
      res.writeHead(answer.statusCode ?? 502, copyHeaders(answer.headers))
      res.flushHeaders()
      answer.pipe(res)
      answer.on('end', () => {
        if (!sent) upstream.destroy() // never finished sending: this connection cannot be reused
        resolve('ok')
      })
      // The worker died mid-answer: all that can be done is to cut the response short.
      answer.on('error', () => {
        res.destroy()
        resolve('crashed')
      })
    })
    upstream.on('error', () => {
      if (answered) return // the answer's own events decide
      resolve('crashed')
    })
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
      resolve('ok')
    })
    if (withBody) upstream.once('continue', () => { if (!answered) { sent = true; upstream.end(body) } })
    else upstream.end()
  })
}
