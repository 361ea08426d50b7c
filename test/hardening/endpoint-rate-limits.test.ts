// Rate limits on the public endpoints (github-webhook, artifact-webhook, approval-link, otel-adapter), counted
// in the database: past a limit the caller gets 429 in the one error shape with Retry-After, and nothing of the
// refused request is stored, voted or ingested. Limits are set low here through the functions' secrets; the
// window is a day so that no window ends during the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newNonce, signLink } from '../../supabase/functions/_shared/notifications/approval-link-token.ts'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { deliver, example } from '../github/webhook-client.ts'
import { openRequest } from '../notifications/helpers.ts'
import { issueToken } from '../telemetry/otlp-client.ts'

const LINK_SECRET = 'test-link-secret-for-rate-limits'
const ACME = { id: '60000000-0000-4000-a000-000000000001', secret: 'whsec_demo_acme_payments_0f9d2c' }
const GLOBEX = { id: '60000000-0000-4000-a000-000000000002', secret: 'whsec_demo_globex_sled_77ab10' }

let stack: ProjectStack

beforeAll(async () => {
  stack = await startProjectWithEnv({
    RATE_LIMIT_WINDOW_SECONDS: '86400',
    WEBHOOK_RATE_LIMIT_INTEGRATION: '3', WEBHOOK_RATE_LIMIT_ADDRESS: '6',
    OTLP_RATE_LIMIT_TOKEN: '3', OTLP_RATE_LIMIT_ADDRESS: '5',
    APPROVAL_LINK_RATE_LIMIT_LINK: '2', APPROVAL_LINK_RATE_LIMIT_ADDRESS: '4',
    OPZENIX_LINK_SECRET: LINK_SECRET,
  })
}, 120_000)
afterAll(() => stack?.stop())

/** The 429 a refused caller sees: the one error shape, and Retry-After equal to what the body says. */
function expectLimited(status: number, body: any, retryAfter: string | null, scope: string, limit: number) {
  expect(status).toBe(429)
  expect(body.error).toMatchObject({ code: 'rate_limited', details: { scope, limit, window_seconds: 86400 } })
  expect(body.error.message).toMatch(new RegExp(`${limit} per 86400 s is the most; try again in \\d+ s`))
  const seconds = body.error.details.retry_after_seconds
  expect(seconds).toBeGreaterThan(0)
  expect(seconds).toBeLessThanOrEqual(86400)
  expect(retryAfter).toBe(String(seconds))
}

const stored = async (deliveryId: string) =>
  (await sql(stack, 'select count(*)::int as n from public.webhook_deliveries where delivery_id = $1', [deliveryId]))[0].n

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body })
  const text = await res.text()
  let json: any = null
  try { json = JSON.parse(text) } catch { /* a page or protobuf */ }
  return { status: res.status, json, text, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') }
}

describe('github-webhook', () => {
  it('refuses an integration past its deliveries per window, then the sending address past its own; nothing refused is stored', async () => {
    const hook = (id: string) => `${stack.functionsUrl}/github-webhook/${id}`
    for (let i = 0; i < 3; i++) expect((await deliver(hook(ACME.id), 'ping', example('ping'), { secret: ACME.secret })).status).toBe(202)
    const refused = await fetch(hook(ACME.id), {
      method: 'POST', body: JSON.stringify(example('ping')),
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'rate-limited-1', 'x-hub-signature-256': 'sha256=00' },
    })
    expectLimited(refused.status, await refused.json(), refused.headers.get('retry-after'), 'integration', 3)
    const signed = await deliver(hook(ACME.id), 'ping', example('ping'), { secret: ACME.secret })
    expect(signed.status).toBe(429) // a correct signature does not lift the limit
    expect(await stored(signed.deliveryId)).toBe(0)

    // Another integration has its own count, but the address has now sent 6 requests: its 7th is refused.
    const other = await deliver(hook(GLOBEX.id), 'ping', example('ping'), { secret: GLOBEX.secret })
    expect(other.status).toBe(202)
    expect(await stored(other.deliveryId)).toBe(1)
    const next = await deliver(hook(GLOBEX.id), 'ping', example('ping'), { secret: GLOBEX.secret })
    expect(next.status).toBe(429)
    expect(next.body.error.details).toMatchObject({ scope: 'address', limit: 6 })
    expect(await stored(next.deliveryId)).toBe(0)
  })

  it('artifact-webhook counts apart from github-webhook, with the same limits', async () => {
    const url = `${stack.functionsUrl}/artifact-webhook/${ACME.id}`
    const event = (n: number) => JSON.stringify({
      events: [{ id: `rate-limit-event-${n}`, action: 'push', target: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 7023, repository: 'acme/payments-api', digest: `sha256:${String(n).padStart(64, '0')}`, tag: `v${n}` }, request: { host: 'registry.example.test' } }],
    })
    const send = (n: number) => post(url, event(n), { 'content-type': 'application/json', authorization: `Bearer ${ACME.secret}` })
    const answers = []
    for (let n = 1; n <= 4; n++) answers.push(await send(n))
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([201, 201, 201])
    expectLimited(answers[3].status, answers[3].json, answers[3].retryAfter, 'integration', 3)
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.artifacts where metadata ->> 'event_id' like 'rate-limit-event-%'`)
    expect(n).toBe(3)
  })
})

describe('otel-adapter', () => {
  it('refuses an ingest token past its batches per window (JSON and protobuf), ingesting nothing; then the address', async () => {
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const token = await issueToken(admin)
    const url = `${stack.functionsUrl}/otel-adapter/v1/traces`
    const spans = (name: string) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'rate-limit-svc' } }] },
      scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name, kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000' }] }] }] })
    const send = (name: string, type = 'application/json', key = token) => post(url, spans(name), { 'content-type': type, authorization: `Bearer ${key}` })
    for (let i = 1; i <= 3; i++) expect((await send(`span ${i}`)).status).toBe(200)
    const refused = await send('span 4')
    expectLimited(refused.status, refused.json, refused.retryAfter, 'token', 3)
    expect(refused.json.message).toBe(refused.json.error.message) // also a JSON google.rpc.Status, as exporters read it
    const proto = await post(url, '', { 'content-type': 'application/x-protobuf', authorization: `Bearer ${token}` })
    expect(proto.status).toBe(429)
    expect(proto.type).toBe('application/x-protobuf')
    expect(Number(proto.retryAfter)).toBeGreaterThan(0)
    const names = await sql(stack, `select name from public.telemetry_signals where name like 'span %' order by name`)
    expect(names.map((r) => r.name)).toEqual(['span 1', 'span 2', 'span 3'])

    // 5 requests from this address so far; the 6th is refused whatever token it carries.
    const other = await send('span 6', 'application/json', 'not-a-token')
    expect(other.status).toBe(429)
    expect(other.json.error.details).toMatchObject({ scope: 'address', limit: 5 })
  })
})

describe('approval-link', () => {
  it('refuses a link opened too often, voting nothing; then the address, as a page for browsers', async () => {
    const { requestId } = await openRequest(stack, 'staging', DEMO.users.operator)
    const token = await signLink(LINK_SECRET, {
      requestId, userId: DEMO.users.admin, decision: 'approve', expiresAt: Math.floor(Date.now() / 1000) + 600, nonce: newNonce(),
    })
    const url = `${stack.functionsUrl}/approval-link`
    const json = { 'content-type': 'application/json', accept: 'application/json' }
    const opened = await fetch(`${url}?token=${encodeURIComponent(token)}`, { headers: { accept: 'application/json' } })
    expect(opened.status).toBe(200)
    expect(await opened.json()).toMatchObject({ request_id: requestId, decision: 'approve' })
    expect((await fetch(`${url}?token=${encodeURIComponent(token)}`)).status).toBe(200)
    const vote = await post(url, JSON.stringify({ token }), json)
    expectLimited(vote.status, vote.json, vote.retryAfter, 'link', 2)
    const votes = await sql(stack, 'select count(*)::int as n from public.approval_votes where approval_request_id = $1', [requestId])
    expect(votes[0].n).toBe(0)
    expect((await sql(stack, 'select status from public.approval_requests where id = $1', [requestId]))[0].status).toBe('pending')

    // The address's 4th request (a damaged link) is answered as usual; the 5th is refused, as a page in a browser.
    expect((await post(url, JSON.stringify({ token: 'damaged' }), json)).status).toBe(400)
    const page = await post(url, new URLSearchParams({ token }).toString(), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' })
    expect(page.status).toBe(429)
    expect(page.type).toMatch(/^text\/html/)
    expect(page.text).toContain('Too many requests from your address: 4 per 86400 s is the most')
    expect(Number(page.retryAfter)).toBeGreaterThan(0)
  })
})
