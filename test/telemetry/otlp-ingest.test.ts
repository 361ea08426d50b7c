// otel-adapter end to end: the official OTLP exporters (JSON and protobuf, gzip or not) post spans through
// the gateway with an ingest token; the rows appear under the token's project with their ids and attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { exportSpans, ExportResultCode, ingestUrl, issueToken, makeSpans } from './otlp-client.ts'

let stack: TestStack
let admin: Client
let token: string

beforeAll(async () => {
  stack = await startProjectStack()
  admin = await signIn(stack, 'admin@opzenix.dev')
  token = await issueToken(admin)
})
afterAll(() => stack?.stop())

const rowsOf = (service: string) => sql(stack, `select * from public.telemetry_signals where service_name = $1 order by started_at`, [service])
const count = async () => Number((await sql(stack, 'select count(*) from public.telemetry_signals'))[0].count)

describe('otel-adapter receives spans from the official exporters', () => {
  for (const [encoding, gzip] of [['json', false], ['protobuf', false], ['json', true], ['protobuf', true]] as const) {
    it(`stores ${encoding}${gzip ? ' gzip' : ''} spans with their ids, kinds, status and attributes`, async () => {
      const service = `checkout-${encoding}-${gzip ? 'gz' : 'plain'}`
      const spans = makeSpans(service)
      const headers: Record<string, string> = encoding === 'json' ? { authorization: `Bearer ${token}` } : { 'x-opzenix-ingest-token': token }
      const result = await exportSpans(ingestUrl(stack, 'traces'), headers, spans, encoding, gzip)
      expect(result.error?.message).toBeUndefined()
      expect(result.code).toBe(ExportResultCode.SUCCESS)

      const rows = await rowsOf(service)
      expect(rows).toHaveLength(2)
      const [parent, child] = rows.sort((a, b) => (a.kind === 'server' ? -1 : b.kind === 'server' ? 1 : 0))
      const sdkParent = spans.find((s) => s.name === 'POST /payments')!
      expect(parent).toMatchObject({
        project_id: DEMO.project, signal_type: 'trace', source: 'otlp', name: 'POST /payments', kind: 'server', status: 'error',
        otel_trace_id: sdkParent.spanContext().traceId, otel_span_id: sdkParent.spanContext().spanId, parent_span_id: null,
        attributes: { 'http.request.method': 'POST', 'http.response.status_code': 502, retries: 2 },
        resource_attributes: expect.objectContaining({ 'service.name': service, 'service.version': '1.4.2' }),
      })
      expect(parent.payload).toMatchObject({ statusMessage: 'ledger timed out', events: [{ name: 'upstream.timeout', attributes: { 'upstream.name': 'ledger' } }] })
      expect(child).toMatchObject({ name: 'SELECT ledger', kind: 'client', otel_trace_id: parent.otel_trace_id, parent_span_id: parent.otel_span_id })
      expect(new Date(parent.ended_at).getTime()).toBeGreaterThanOrEqual(new Date(parent.started_at).getTime())
    })
  }

  it('lets members of the project read ingested spans, and nobody else', async () => {
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const globex = await signIn(stack, 'globex@opzenix.dev')
    const seen = await viewer.from('telemetry_signals').select('name').eq('service_name', 'checkout-json-plain')
    expect(seen.data).toHaveLength(2)
    const hidden = await globex.from('telemetry_signals').select('name').eq('service_name', 'checkout-json-plain')
    expect(hidden.data).toEqual([])
  })

  it('streams new spans to a subscribed member through Realtime', async () => {
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const arrived = new Promise<any>((resolve) => {
      viewer.channel('telemetry').on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'telemetry_signals', filter: `project_id=eq.${DEMO.project}` },
        (change) => { if (change.new.service_name === 'live-svc') resolve(change.new) })
        .subscribe(async (status) => {
          if (status === 'SUBSCRIBED') await exportSpans(ingestUrl(stack, 'traces'), { authorization: `Bearer ${token}` }, makeSpans('live-svc'), 'json')
        })
    })
    expect(await arrived).toMatchObject({ signal_type: 'trace', service_name: 'live-svc' })
    await viewer.removeAllChannels()
  })
})

describe('otel-adapter refuses what it cannot accept, writing nothing', () => {
  const post = (body: BodyInit, headers: Record<string, string>, signal: 'traces' | 'metrics' | 'logs' = 'traces') =>
    fetch(ingestUrl(stack, signal), { method: 'POST', body, headers })

  it('answers 401 to a missing, unknown or revoked token, and the exporter reports the failure', async () => {
    const before = await count()
    const body = JSON.stringify({ resourceSpans: [] })
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401)
    const bad = await post(body, { 'content-type': 'application/json', authorization: 'Bearer ozx_otlp_nope' })
    expect(bad.status).toBe(401)
    expect((await bad.json()).error.code).toBe('unauthorized')
    const result = await exportSpans(ingestUrl(stack, 'traces'), { authorization: 'Bearer ozx_otlp_nope' }, makeSpans('intruder'), 'protobuf')
    expect(result.code).toBe(ExportResultCode.FAILED)

    // Rotating the token revokes the old one at once, even though the function had it cached.
    const rotated = await issueToken(admin)
    const stale = await exportSpans(ingestUrl(stack, 'traces'), { authorization: `Bearer ${token}` }, makeSpans('stale'), 'json')
    expect(stale.code).toBe(ExportResultCode.FAILED)
    token = rotated
    expect(await count()).toBe(before)
  })

  it('answers 400 to malformed JSON, malformed OTLP structure and bad protobuf', async () => {
    const before = await count()
    const auth = { authorization: `Bearer ${token}` }
    const valid = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'ok' }
    const cases: Array<[BodyInit, string]> = [
      ['{"resourceSpans": [', 'application/json'],
      [JSON.stringify({ resourceSpans: 5 }), 'application/json'],
      [JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [valid] }] }, { scopeSpans: [{ spans: 'x' }] }] }), 'application/json'],
      [new Uint8Array([0x0a, 0x10, 0x01, 0x02]), 'application/x-protobuf'],
    ]
    for (const [body, type] of cases) {
      const response = await post(body, { ...auth, 'content-type': type })
      expect(response.status).toBe(400)
      if (type === 'application/json') expect((await response.json()).error.code).toBe('invalid_input')
      else expect(response.headers.get('content-type')).toBe('application/x-protobuf')
    }
    expect(await count()).toBe(before)
  })

  it('answers 415 to other content types and encodings, 413 to oversized bodies', async () => {
    const auth = { authorization: `Bearer ${token}` }
    expect((await post('hello', { ...auth, 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post('{}', { ...auth, 'content-type': 'application/json', 'content-encoding': 'br' })).status).toBe(415)
    const huge = JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(9 * 1024 * 1024) })
    const tooBig = await post(huge, { ...auth, 'content-type': 'application/json' })
    expect(tooBig.status).toBe(413)
    expect((await tooBig.json()).error.code).toBe('payload_too_large')
    // A small gzip body that inflates past the cap is refused the same way.
    const bomb = gzipSync(Buffer.from(huge))
    expect((await post(bomb, { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(413)
  })

  it('links spans whose trace id is a run of the token\'s project to that run, and no other project\'s run', async () => {
    const [ours] = await sql(stack, 'select id from public.executions where project_id = $1 limit 1', [DEMO.project])
    const [theirs] = await sql(stack, `insert into public.executions (project_id, name, flow_type) values ('20000000-0000-4000-a000-000000000002', 'Globex run', 'cicd') returning id`)
    const trace = (id: string) => id.replace(/-/g, '')
    const spans = [
      { traceId: trace(ours.id), spanId: 'aaaaaaaaaaaaaaa1', name: 'deploy step' },
      { traceId: trace(theirs.id), spanId: 'aaaaaaaaaaaaaaa2', name: 'deploy step' },
      { traceId: '5b8efff798038103d269b633813fc60d', spanId: 'aaaaaaaaaaaaaaa3', name: 'deploy step' },
    ]
    const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'linker' } }] }, scopeSpans: [{ spans }] }] })
    expect((await post(body, { authorization: `Bearer ${token}`, 'content-type': 'application/json' })).status).toBe(200)
    const rows = await sql(stack, `select otel_span_id, execution_id from public.telemetry_signals where service_name = 'linker' order by otel_span_id`)
    expect(rows).toEqual([
      { otel_span_id: 'aaaaaaaaaaaaaaa1', execution_id: ours.id },
      { otel_span_id: 'aaaaaaaaaaaaaaa2', execution_id: null },
      { otel_span_id: 'aaaaaaaaaaaaaaa3', execution_id: null },
    ])
  })
})
