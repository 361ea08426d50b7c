import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerToken } from '../jwt.ts'
import { readBody, readJson, sendJson } from '../http.ts'
import type { CallerError, CallerResolver } from './caller.ts'
import { fanOutBroadcast, type BroadcastMessage } from './broadcast.ts'
import { privateChannelAccess } from './private-access.ts'
import type pg from 'pg'
import type { Topics } from './topics.ts'

interface RestDeps {
  pool: pg.Pool
  callers: CallerResolver
  topics: Topics
}

/**
 * POST /api/broadcast {messages: [{topic, event, payload, private?}]} and realtime-js's httpSend form
 * POST /api/broadcast/<topic>/events/<event>[?private=true] with the payload as body. Both answer 202.
 */
export async function handleRestBroadcast(deps: RestDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const url = new URL(path, 'http://realtime')
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'method not allowed' })
  const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(url.pathname)
  if (url.pathname !== '/api/broadcast' && !single) return sendJson(res, 404, { message: 'not found' })

  const token = bearerToken(req.headers.authorization) ?? headerValue(req.headers.apikey)
  let caller
  try {
    caller = await deps.callers.resolve(token)
  } catch (error) {
    return sendJson(res, 401, { message: (error as CallerError).message })
  }

  let messages: BroadcastMessage[]
  try {
    if (single) {
      const body = await readBody(req)
      const isJson = !String(req.headers['content-type'] ?? '').startsWith('application/octet-stream')
      messages = [{
        topic: `realtime:${decodeURIComponent(single[1])}`,
        event: decodeURIComponent(single[2]),
        payload: isJson ? (body.length ? JSON.parse(body.toString('utf8')) : {}) : body,
        private: url.searchParams.get('private') === 'true',
      }]
    } else {
      messages = parseMessages(await readJson(req))
    }
  } catch (error) {
    return sendJson(res, 400, { message: (error as Error).message })
  }

  const writable = new Map<string, boolean>()
  for (const message of messages) {
    if (message.private) {
      const subTopic = message.topic.slice('realtime:'.length)
      if (!writable.has(subTopic)) writable.set(subTopic, (await privateChannelAccess(deps.pool, caller, subTopic)).broadcastWrite)
      if (!writable.get(subTopic)) continue
    }
    fanOutBroadcast(deps.topics, message)
  }
  res.writeHead(202, { 'content-length': '0' })
  res.end()
}

function parseMessages(body: any): BroadcastMessage[] {
  if (!Array.isArray(body?.messages)) throw new Error('messages must be a list')
  return body.messages.map((m: any) => {
    if (typeof m?.topic !== 'string' || !m.topic) throw new Error('each message needs a topic')
    if (typeof m.event !== 'string' || !m.event) throw new Error('each message needs an event')
    return { topic: `realtime:${m.topic}`, event: m.event, payload: m.payload ?? {}, private: m.private === true }
  })
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}
