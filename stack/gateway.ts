import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { StackConfig } from './config.ts'
import { sendJson } from './http.ts'
import { bodyLimits, declaredLength, sendTooLarge, type LimitedPrefix } from './limits.ts'
import type { Service } from './service.ts'

export interface Routes {
  rest: Service
  auth: Service
  realtime: Service
  functions: Service
  storage: Service
}

// Paths that Supabase's gateway serves without an API key (as kong.yml in `supabase start` does).
const KEYLESS_AUTH_PATHS = ['/verify', '/callback', '/authorize']
const ALLOWED_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT'

type ApiKeyResult = 'ok' | 'missing' | 'invalid'

// The query string is parsed only when no apikey header came (websockets, a few browser links).
function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers.apikey
  if (typeof header === 'string' && header) return header
  return new URL(req.url ?? '/', 'http://gateway').searchParams.get('apikey') ?? undefined
}

/** `rest` without an `apikey` query parameter: the key is the gateway's to read, not a column filter for PostgREST
 * (Supabase's gateway hides the credential from the service behind it the same way). */
function withoutApiKeyParam(rest: string): string {
  if (!rest.includes('apikey=')) return rest
  // Cut the parameter out of the raw string: re-encoding the rest could change PostgREST's filters.
  return rest.replace(/([?&])apikey=[^&]*(&|$)/, (_, before: string, after: string) => (after ? before : '')).replace(/\?$/, '')
}

function needsApiKey(prefix: string, rest: string): boolean {
  if (prefix === 'rest' || prefix === 'realtime') return true
  if (prefix === 'auth') return !KEYLESS_AUTH_PATHS.some((p) => rest === p || rest.startsWith(`${p}?`) || rest.startsWith(`${p}/`))
  return false
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  if (!res.hasHeader('access-control-allow-origin')) res.setHeader('access-control-allow-origin', '*')
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers']
  res.writeHead(200, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': typeof requested === 'string' ? requested : '*',
    'access-control-max-age': '3600',
    'content-length': '0',
  })
  res.end()
}

/** The API gateway on 127.0.0.1:<api port>: key checks, CORS, routing to each service. */
export function createGateway(config: StackConfig, routes: Routes): http.Server {
  const validKeys = new Set([config.anonKey, config.serviceRoleKey])
  const limits = bodyLimits()
  const checkKey = (req: IncomingMessage): ApiKeyResult => {
    const key = apiKeyOf(req)
    if (!key) return 'missing'
    return validKeys.has(key) ? 'ok' : 'invalid'
  }
  const route = (rawUrl: string) => {
    const match = /^\/(rest|auth|realtime|functions|storage)\/v1(\/[^?]*)?(\?.*)?$/.exec(rawUrl)
    if (!match) return undefined
    return { prefix: match[1] as keyof Routes, rest: (match[2] ?? '/') + (match[3] ?? '') }
  }

  const server = http.createServer(async (req, res) => {
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return answerPreflight(req, res)
    setCors(req, res)
    // A service that answers without reading the body (a 404, a refused token) must still let it drain, or the
    // client's next request on this connection meets a reset.
    res.once('finish', () => { if (!req.readableEnded) req.resume() })
    const target = route(req.url ?? '/')
    if (!target) return sendJson(res, 404, { message: 'no Route matched with those values' })
    if (needsApiKey(target.prefix, target.rest)) {
      const key = checkKey(req)
      if (key === 'missing') return sendJson(res, 401, { message: 'No API key found in request' })
      if (key === 'invalid') return sendJson(res, 401, { message: 'Invalid authentication credentials' })
    }
    const limit = target.prefix === 'storage' ? undefined : limits[target.prefix as LimitedPrefix]
    if (limit !== undefined && (declaredLength(req) ?? 0) > limit) return sendTooLarge(res, target.prefix as LimitedPrefix, limit)
    try {
      await routes[target.prefix].handle(req, res, target.prefix === 'rest' ? withoutApiKeyParam(target.rest) : target.rest)
    } catch (error) {
      sendJson(res, 500, { message: (error as Error).message })
    }
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = route(req.url ?? '/')
    const service = target && routes[target.prefix]
    if (!target || !service?.upgrade) return rejectUpgrade(socket, 404, 'no Route matched with those values')
    if (needsApiKey(target.prefix, target.rest)) {
      const key = checkKey(req)
      if (key === 'missing') return rejectUpgrade(socket, 401, 'No API key found in request')
      if (key === 'invalid') return rejectUpgrade(socket, 401, 'Invalid authentication credentials')
    }
    service.upgrade(req, socket, head, target.rest)
  })
  return server
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message })
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}
