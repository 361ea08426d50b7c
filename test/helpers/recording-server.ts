// A small HTTP server on 127.0.0.1 that stands in for an external service (GitHub, Azure, a registry...):
// it records every request and answers from a script of routes. Later routes win, so a test can override
// one answer with `server.route(...)` and drop its overrides with `reset()`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/user?x=1`. */
  path: string
  url: URL
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** Sent as application/json. */
  json?: unknown
  /** Bytes (audio, images) as a Buffer, text as a string. */
  body?: string | Buffer
  /** Wait this long before answering (a slow or hanging service). */
  delayMs?: number
  /** A streamed body instead of `body`: each piece written after its own delay. */
  chunks?: Array<{ data: string | Buffer; delayMs?: number }>
  /** With `chunks`: keep the connection open afterwards (a service that stalls mid-answer) until it closes. */
  hold?: boolean
}

export interface Route {
  method?: string
  /** Exact pathname, or a pattern tested against the pathname. */
  path: string | RegExp
  reply: Reply | ((req: RecordedRequest) => Reply | Promise<Reply>)
}

export interface RecordingServer {
  url: string
  requests: RecordedRequest[]
  /** Adds routes that take precedence over the ones before them. */
  route(...routes: Route[]): void
  /** Requests whose pathname matches. */
  received(path: string | RegExp, method?: string): RecordedRequest[]
  /** Back to the routes given at start; forgets recorded requests. */
  reset(): void
  stop(): Promise<void>
}

const matches = (route: Route, req: RecordedRequest) =>
  (!route.method || route.method.toUpperCase() === req.method) &&
  (typeof route.path === 'string' ? route.path === req.url.pathname : route.path.test(req.url.pathname))

export async function startRecordingServer(initial: Route[] = []): Promise<RecordingServer> {
  let routes = [...initial]
  const requests: RecordedRequest[] = []
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
    requests.push(recorded)
    const route = [...routes].reverse().find((r) => matches(r, recorded))
    const reply: Reply = route
      ? typeof route.reply === 'function' ? await route.reply(recorded) : route.reply
      : { status: 404, json: { message: `recording server: no route for ${recorded.method} ${url.pathname}` } }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
    if (res.destroyed) return
    const headers: Record<string, string> = { ...(reply.json !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers }
    res.writeHead(reply.status ?? 200, headers)
    if (reply.chunks) {
      for (const piece of reply.chunks) {
        if (piece.delayMs) await new Promise((resolve) => setTimeout(resolve, piece.delayMs))
        if (res.destroyed) return
        res.write(piece.data)
      }
      if (!reply.hold) res.end()
      return
    }
    res.end(reply.json !== undefined ? JSON.stringify(reply.json) : reply.body ?? '')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (...more) => { routes.push(...more) },
    received: (path, method) => requests.filter((r) => matches({ path, method, reply: {} }, r)),
    reset: () => {
      routes = [...initial]
      requests.length = 0
    },
    stop: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}
