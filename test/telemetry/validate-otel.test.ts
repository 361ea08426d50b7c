// validate-otel against a local OTLP endpoint that records what it receives: a healthy endpoint, one that
// answers 500, one that never answers (timeout), and a port nobody listens on (refused). Each check is
// recorded as a connection_health_events row and on the connection.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../stack/net.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'

interface Recorded { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

let stack: TestStack
let server: http.Server
let endpoint: string
const recorded: Recorded[] = []
let admin: Client

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => { body += chunk })
    req.on('end', () => {
      recorded.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      if (req.url?.startsWith('/ok/')) res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      else if (req.url?.startsWith('/boom/')) res.writeHead(500).end('collector exploded')
      // /slow/: never answers; close() ends it
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  stack = await startProjectStack()
  admin = await signIn(stack, 'admin@opzenix.dev')
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await stack?.stop()
})

async function otelConnection(name: string, config: Record<string, unknown>): Promise<string> {
  const { data, error } = await admin.from('connections').insert({ organization_id: DEMO.acme, type: 'otel', name, config }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

async function validate(client: Client, body: unknown): Promise<{ status: number; body: any }> {
  const { data } = await client.auth.getSession()
  const response = await fetch(`${stack.apiUrl}/functions/v1/validate-otel`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.session!.access_token}`, apikey: stack.anonKey },
  })
  return { status: response.status, body: await response.json() }
}

const healthOf = (id: string) => sql(stack, 'select status, response_time_ms, message from public.connection_health_events where connection_id = $1', [id])

describe('validate-otel', () => {
  it('posts an empty OTLP JSON export with the configured headers and records a healthy check', async () => {
    const id = await otelConnection('collector ok', { endpoint: `${endpoint}/ok/`, headers: { 'x-api-key': 'k-123' } })
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const { status, body } = await validate(operator, { connection_id: id })
    expect(status).toBe(200)
    expect(body).toMatchObject({ ok: true, status: 'healthy', http_status: 200 })
    expect(body.response_time_ms).toBeGreaterThanOrEqual(0)
    const request = recorded.find((r) => r.url === '/ok/v1/traces')!
    expect(request).toMatchObject({ method: 'POST', headers: expect.objectContaining({ 'x-api-key': 'k-123', 'content-type': 'application/json' }) })
    expect(JSON.parse(request.body)).toEqual({ resourceSpans: [] })
    expect(await healthOf(id)).toEqual([{ status: 'healthy', response_time_ms: body.response_time_ms, message: body.message }])
    const { data } = await operator.from('connections').select('status, validated, last_validated_at').eq('id', id).single()
    expect(data).toMatchObject({ status: 'healthy', validated: true })
    expect(data!.last_validated_at).not.toBeNull()
  })

  it('records failures: a 500, a timeout and a refused connection', async () => {
    const boom = await otelConnection('collector 500', { endpoint: `${endpoint}/boom` })
    const slow = await otelConnection('collector slow', { endpoint: `${endpoint}/slow`, timeout_ms: 300 })
    const refused = await otelConnection('collector gone', { endpoint: `http://127.0.0.1:${await freePort()}` })

    const a = await validate(admin, { connection_id: boom })
    expect(a.body).toMatchObject({ ok: false, status: 'down', http_status: 500 })
    expect(a.body.message).toMatch(/500: collector exploded/)
    const b = await validate(admin, { connection_id: slow })
    expect(b.body).toMatchObject({ ok: false, status: 'down', http_status: null })
    expect(b.body.message).toMatch(/did not answer within 300 ms/)
    const c = await validate(admin, { connection_id: refused })
    expect(c.body).toMatchObject({ ok: false, status: 'down', http_status: null })
    expect(c.body.message).toMatch(/could not be reached/)

    for (const id of [boom, slow, refused]) expect((await healthOf(id)).map((h) => h.status)).toEqual(['down'])
    const { data } = await admin.from('connections').select('validated, status').in('id', [boom, slow, refused])
    expect(data).toEqual([{ validated: false, status: 'down' }, { validated: false, status: 'down' }, { validated: false, status: 'down' }])
  })

  it('refuses viewers, other kinds of connection and bad input, recording nothing', async () => {
    const id = await otelConnection('collector viewer', { endpoint: `${endpoint}/ok` })
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const denied = await validate(viewer, { connection_id: id })
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
    expect((await validate(admin, { connection_id: DEMO.connection })).status).toBe(400) // a GitHub connection
    expect((await validate(admin, { connection: id })).body.error.code).toBe('invalid_input')
    const globex = await signIn(stack, 'globex@opzenix.dev')
    expect((await validate(globex, { connection_id: id })).status).toBe(404)
    const noEndpoint = await otelConnection('collector unset', {})
    expect((await validate(admin, { connection_id: noEndpoint })).status).toBe(400)
    expect(await healthOf(id)).toEqual([])
  })
})
