import http from 'node:http'
import { WebSocketServer } from 'ws'
import { sendJson } from '../http.ts'
import type { Service, StackContext } from '../service.ts'
import { CallerResolver } from './caller.ts'
import { ChangeFeed } from './change-feed.ts'
import { Connection } from './connection.ts'
import { ListenedTables } from './listened-tables.ts'
import { dispatchChanges } from './postgres-changes.ts'
import { PresenceRegistry } from './presence.ts'
import type { Vsn } from './protocol.ts'
import { handleRestBroadcast } from './rest-broadcast.ts'
import { TableCatalog } from './table-info.ts'
import { Topics } from './topics.ts'

const VERSIONS: Vsn[] = ['1.0.0', '2.0.0']

/** Realtime (/realtime/v1): the Phoenix websocket realtime-js speaks, postgres changes under RLS, broadcast, presence. */
export async function createRealtimeService(ctx: StackContext): Promise<Service> {
  const topics = new Topics()
  const catalog = new TableCatalog(ctx.pool)
  const callers = new CallerResolver(ctx.pool, ctx.config.jwtSecret)
  const presence = new PresenceRegistry(topics)
  const feed = new ChangeFeed(
    ctx.dbUrl, ctx.pool,
    (changes) => dispatchChanges(ctx.pool, catalog, topics, changes),
    () => catalog.invalidate(),
    ctx.log,
  )
  await feed.start()
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  let stopping: Promise<void> | undefined
  const listened = new ListenedTables(ctx.pool, ctx.log)
  const deps = { pool: ctx.pool, callers, catalog, topics, presence, listened, log: ctx.log }

  return {
    handle: async (req, res, path) => {
      if (path.startsWith('/api/broadcast')) return handleRestBroadcast({ pool: ctx.pool, callers, topics }, req, res, path)
      sendJson(res, 404, { message: 'not found' })
    },
    upgrade: (req, socket, head, path) => {
      const url = new URL(path, 'http://realtime')
      const vsn = (url.searchParams.get('vsn') ?? '1.0.0') as Vsn
      if (url.pathname !== '/websocket' || !VERSIONS.includes(vsn)) {
        const status = url.pathname !== '/websocket' ? 404 : 400
        const body = JSON.stringify({ message: status === 404 ? 'not found' : `unsupported vsn ${vsn}` })
        socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
        return
      }
      const apiKey = url.searchParams.get('apikey') ?? (typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined)
      wss.handleUpgrade(req, socket, head, (ws) => new Connection(ws, socket, vsn, apiKey, deps))
    },
    stop: () => (stopping ??= (async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await feed.stop()
    })()),
  }
}
