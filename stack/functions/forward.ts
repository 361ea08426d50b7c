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
 */
export function forward(req: IncomingMessage, res: ServerResponse, origin: string, path: string): Promise<'ok' | 'crashed'> {
  return new Promise((resolve) => {
    const upstream = http.request(new URL(path, origin), { method: req.method, headers: copyHeaders(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, copyHeaders(answer.headers))
      res.flushHeaders()
      answer.pipe(res)
      answer.on('end', () => resolve('ok'))
      // The worker died mid-answer: all that can be done is to cut the response short.
      answer.on('error', () => {
        res.destroy()
        resolve('crashed')
      })
    })
    upstream.on('error', () => {
      if (res.headersSent) res.destroy()
      resolve('crashed')
    })
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
      resolve('ok')
    })
    req.pipe(upstream)
  })
}
