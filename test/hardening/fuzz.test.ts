// Generated bad input (fast-check, seeded) against every edge function and the stack's own endpoints.
// Every answer must be a 4xx in the shape its endpoint documents, never a 5xx or a hang, and nothing may be
// written: row counts of every table a request could touch are the same before and after.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, startProjectStack } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { deliver, example } from '../github/webhook-client.ts'
import { authorization, badBody, body, contentType, credential, method, type Keys } from './bad-input.ts'

// The scheduler would write (engine ticks, notifications) while we count rows.
for (const name of ['OPZENIX_TICK_MS', 'OPZENIX_EXPORT_MS', 'OPZENIX_HEALTH_CHECK_MS', 'OPZENIX_NOTIFY_MS']) process.env[name] = '0'
// Small enough that the generated 12 MB bodies meet the gateway's limit (the 2 MB ones pass it, except on Auth).
const MAX_BODY = 4 * 1024 * 1024
process.env.OPZENIX_MAX_BODY_BYTES = String(MAX_BODY)

// FUZZ_SEED and FUZZ_RUNS explore further; a failure prints the seed and path that reproduce it.
const SEED = Number(process.env.FUZZ_SEED ?? 1704)
const runs = (n: number) => Number(process.env.FUZZ_RUNS ?? n)
const FUNCTIONS = readdirSync(path.resolve('supabase/functions'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('_')).map((e) => e.name)
const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const WEBHOOK_SECRET = 'whsec_demo_acme_payments_0f9d2c'

const TABLES = [
  'executions', 'execution_nodes', 'execution_state_events', 'execution_logs', 'deployments', 'deployment_versions',
  'environments', 'environment_config_versions', 'approval_requests', 'approval_votes', 'environment_locks',
  'webhook_deliveries', 'audit_logs', 'connections', 'connection_health_events', 'notification_deliveries',
  'notification_events', 'artifacts', 'github_tokens', 'projects', 'organization_members', 'checkpoints',
  'test_reports', 'test_cases', 'vulnerability_scans', 'sboms', 'step_evidence', 'evidence_gate_exceptions',
]

let stack: TestStack
let keys: Keys

async function rowCounts(): Promise<Record<string, number>> {
  const own = TABLES.map((t) => `(select count(*)::int from public.${t}) as ${t}`)
  const theirs = ['auth.users', 'auth.sessions', 'auth.refresh_tokens', 'storage.buckets', 'storage.objects']
    .map((t) => `(select count(*)::int from ${t}) as "${t}"`)
  // Updates change no count: a digest of the rows a PATCH could reach shows those too.
  const digests = ['executions', 'environments', 'approval_requests', 'user_preferences', 'profiles', 'connections']
    .map((t) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from public.${t} t) as "${t} rows"`)
  return (await sql(stack, `select ${[...own, ...theirs, ...digests].join(', ')}`))[0]
}

interface Answer { status: number; type: string; body: any; text: string }

async function send(url: string, init: { method: string; auth?: string; type?: string; body?: string; headers?: Record<string, string> }): Promise<Answer> {
  const headers: Record<string, string> = { apikey: keys.anonKey, accept: 'application/json', ...init.headers }
  if (init.auth) headers.authorization = init.auth
  if (init.type) headers['content-type'] = init.type
  const withBody = init.method !== 'GET' && init.method !== 'HEAD'
  // A hang is a failure too: no endpoint may keep a caller waiting this long on bad input.
  const res = await fetch(url, { method: init.method, headers, body: withBody ? init.body : undefined, signal: AbortSignal.timeout(30_000) })
  const text = await res.text()
  let body: any
  try { body = JSON.parse(text) } catch { body = undefined }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, text: text.slice(0, 300) }
}

const isString = (v: unknown) => typeof v === 'string' && v.length > 0

/** Fails with what was sent and what came back unless the answer is a 4xx in one of `shapes`. */
function expect4xx(answer: Answer, sent: string, ...shapes: Array<(a: Answer) => boolean>): void {
  const ok = answer.status >= 400 && answer.status < 500 && shapes.some((shape) => shape(answer))
  if (!ok) throw new Error(`${sent}\n→ ${answer.status} ${answer.type} ${answer.text}`)
}

// The shapes each endpoint documents (docs/functions.md, GoTrue, PostgREST, Storage, the gateway).
const errorShape = (a: Answer) => isString(a.body?.error?.code) && isString(a.body?.error?.message)
const gatewayRoute = (a: Answer) => a.status === 404 && isString(a.body?.message)
const gatewayJwt = (a: Answer) => a.status === 401 && isString(a.body?.msg)
const runtime = (a: Answer) => a.status === 404 && a.body?.code === 'NOT_FOUND'
const otlpProtobuf = (a: Answer) => a.type.includes('application/x-protobuf')
const gotrue = (a: Answer) => isString(a.body?.msg) || isString(a.body?.message)
const postgrest = (a: Answer) => isString(a.body?.message)
const storage = (a: Answer) => isString(a.body?.message) && (a.body?.statusCode !== undefined || a.body?.error !== undefined)

beforeAll(async () => {
  stack = await startProjectStack()
  const session = async (role: 'viewer' | 'operator' | 'admin') => {
    const { data } = await (await signIn(stack, `${role}@opzenix.dev`)).auth.getSession()
    return { id: DEMO.users[role], token: data.session!.access_token }
  }
  const [viewer, operator, admin] = await Promise.all([session('viewer'), session('operator'), session('admin')])
  keys = { jwtSecret: stack.jwtSecret, anonKey: stack.anonKey, users: { viewer, operator, admin } }
})
afterAll(() => stack?.stop())

describe('bad input', () => {
  it('every edge function answers a 4xx in the error shape, and nothing is written', async () => {
    const before = await rowCounts()
    const subpath = fc.constantFrom('', '', '/', '/nope', '/v1/traces', '/%2e%2e/%2e%2e/etc/passwd', `/${INTEGRATION}`,
      '/repos', '/token', '/projects', `/integrations/${INTEGRATION}/webhook-secret`, '/restore', '/diff', '/move', '/archive',
      '?organization_id=%F0%9F%99%82', '?token=ey.ey.ey', '?format=xlsx&organization_id=1')
    await fc.assert(fc.asyncProperty(fc.constantFrom(...FUNCTIONS), subpath, method, contentType, badBody, credential,
      async (fn, sub, verb, type, body, cred) => {
        const answer = await send(`${stack.apiUrl}/functions/v1/${fn}${sub}`, { method: verb, auth: await authorization(cred, keys), type, body: body.text })
        expect4xx(answer, `${verb} ${fn}${sub} as ${cred}, ${type || 'no content type'}, ${body.kind}: ${body.text.slice(0, 120)}`,
          errorShape, gatewayJwt, gatewayRoute, runtime, otlpProtobuf)
      }), { seed: SEED, numRuns: runs(160), endOnFailure: true })
    expect(await rowCounts()).toEqual(before)
  }, 300_000)

  it('Auth refuses bad sign-ups, sign-ins, refreshes and admin calls with a 4xx and creates nobody', async () => {
    const before = await rowCounts()
    const route = fc.constantFrom('POST /signup', 'POST /token?grant_type=password', 'POST /token?grant_type=refresh_token',
      'POST /token?grant_type=magic', 'POST /token', 'GET /user', 'PUT /user', 'POST /logout', 'POST /admin/users',
      'GET /admin/users?page=-1&per_page=1e9', `PUT /admin/users/${DEMO.users.viewer}`, 'DELETE /admin/users/not-a-uuid', 'POST /recover')
    // Never a valid sign-up: the email is always there (no email at all is an anonymous sign-up, a real account)
    // and never an address, and the password is never a string.
    const signupish = fc.record({
      email: fc.oneof(fc.integer(), fc.constant(true), fc.constant('a@b'), fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `not an address ${s}`)),
      password: fc.oneof(fc.constant(undefined), fc.integer(), fc.array(fc.string()), fc.constant({ x: 1 })),
      refresh_token: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }), fc.integer()),
      data: fc.oneof(fc.constant(undefined), fc.string(), fc.jsonValue({ maxDepth: 2 })),
    }).map((o) => body('credentials', JSON.stringify(o)))
    const authCred = fc.constantFrom('none', 'anon', 'forged', 'expired', 'alg-none', 'garbage') as fc.Arbitrary<any>
    await fc.assert(fc.asyncProperty(route, fc.oneof(signupish, badBody), signupish, contentType, authCred, async (r, anyBody, credentials, type, cred) => {
      const [verb, p] = r.split(' ')
      const body = p === '/signup' ? credentials : anyBody
      const answer = await send(`${stack.apiUrl}/auth/v1${p}`, { method: verb, auth: await authorization(cred, keys), type, body: body.text, headers: { 'x-supabase-api-version': '2024-01-01' } })
      expect4xx(answer, `${r} as ${cred}, ${type}, ${body.kind}: ${body.text.slice(0, 120)}`, gotrue)
    }), { seed: SEED, numRuns: runs(100), endOnFailure: true })
    expect(await rowCounts()).toEqual(before)
  }, 300_000)

  it('the REST proxy (PostgREST) answers bad reads and writes with a 4xx and writes nothing', async () => {
    const before = await rowCounts()
    const target = fc.constantFrom('executions', 'environments', 'approval_votes', 'audit_logs', 'user_preferences', 'no_such_table',
      'rpc/has_role', 'rpc/engine_apply', 'rpc/no_such_fn', 'executions?id=eq.%F0%9F%99%82', 'executions?select=*,nope(*)',
      'environments?order=%22%3B drop table x', 'executions?limit=-5', 'audit_logs?id=in.(1,2', 'deployments?or=(a.eq.1')
    const restCred = fc.constantFrom('anon', 'forged', 'expired', 'alg-none', 'garbage', 'viewer') as fc.Arbitrary<any>
    await fc.assert(fc.asyncProperty(target, method, badBody, contentType, restCred, async (t, verb, body, type, cred) => {
      const answer = await send(`${stack.apiUrl}/rest/v1/${t}`, { method: verb, auth: await authorization(cred, keys), type, body: body.text })
      // Some of these are valid no-ops PostgREST answers 2xx: a viewer's read, an empty bulk insert (`[]`), a
      // PATCH or DELETE RLS lets match no row. What they must not do is write: the counts and digests below.
      if (answer.status >= 200 && answer.status < 300) return
      expect4xx(answer, `${verb} /rest/v1/${t} as ${cred}, ${type}, ${body.kind}: ${body.text.slice(0, 120)}`, postgrest)
    }), { seed: SEED, numRuns: runs(100), endOnFailure: true })
    expect(await rowCounts()).toEqual(before)
  }, 300_000)

  it('Storage and the gateway refuse bad routes, bodies and tokens with a 4xx and store nothing', async () => {
    const before = await rowCounts()
    const target = fc.constantFrom('storage/v1/bucket', 'storage/v1/bucket/%F0%9F%99%82', 'storage/v1/object/artifacts/a/../../b',
      'storage/v1/object/list/artifacts', 'storage/v1/object/sign/artifacts/x', 'storage/v1/object/move', 'storage/v1/object/copy',
      'storage/v1/object/nope-bucket/file.txt', 'storage/v1/object/upload/sign/artifacts/x?token=ey.ey.ey',
      'functions/v1/', 'functions/v1/%00', 'functions/v1/..%2f..%2fpackage.json', 'nothing/v1/here', 'rest/v2/executions')
    const storageCred = fc.constantFrom('none', 'anon', 'forged', 'expired', 'alg-none', 'garbage', 'viewer') as fc.Arbitrary<any>
    await fc.assert(fc.asyncProperty(target, method, badBody, contentType, storageCred, async (t, verb, body, type, cred) => {
      const answer = await send(`${stack.apiUrl}/${t}`, { method: verb, auth: await authorization(cred, keys), type, body: body.text })
      if (verb === 'GET' && answer.status === 200) return // listing visible buckets is an answer, not a write
      expect4xx(answer, `${verb} /${t} as ${cred}, ${type}, ${body.kind}: ${body.text.slice(0, 120)}`, storage, errorShape, runtime, postgrest, gatewayJwt)
    }), { seed: SEED, numRuns: runs(80), endOnFailure: true })
    expect(await rowCounts()).toEqual(before)
  }, 300_000)

  it('a body over the limit is a 413 in the shape of the API it was sent to, declared or streamed', async () => {
    const big = 'x'.repeat(MAX_BODY + 1)
    const auth = await authorization('operator', keys)
    const fn = await send(`${stack.apiUrl}/functions/v1/pipeline-execute`, { method: 'POST', auth, type: 'application/json', body: big })
    expect(fn).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } })
    const rest = await send(`${stack.apiUrl}/rest/v1/executions`, { method: 'POST', auth, type: 'application/json', body: big })
    expect(rest).toMatchObject({ status: 413, body: { code: 'payload_too_large' } })
    const signup = await send(`${stack.apiUrl}/auth/v1/signup`, { method: 'POST', type: 'application/json', body: JSON.stringify({ email: 'big@example.test', password: 'x'.repeat(2 * 1024 * 1024) }) })
    expect(signup).toMatchObject({ status: 413, body: { error_code: 'request_too_large' } })
    // Streamed without a length (chunked): counted as it arrives.
    const chunks = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close() } })
    const res = await fetch(`${stack.apiUrl}/functions/v1/pipeline-execute`, {
      method: 'POST', body: chunks, duplex: 'half', headers: { apikey: keys.anonKey, authorization: auth!, 'content-type': 'application/json' },
    } as RequestInit)
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('a replayed webhook is stored once, and a replay with a changed body is refused', async () => {
    const hook = `${stack.apiUrl}/functions/v1/github-webhook/${INTEGRATION}`
    const ping = example('ping')
    const first = await deliver(hook, 'ping', ping, { secret: WEBHOOK_SECRET })
    expect(first.status).toBe(202)
    const before = await rowCounts()
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), async (same, zen) => {
      const body = JSON.stringify(same ? ping : { ...ping, zen })
      const signature = await import('@octokit/webhooks-methods').then((m) => m.sign(WEBHOOK_SECRET, JSON.stringify(ping)))
      const replay = await deliver(hook, 'ping', ping, { deliveryId: first.deliveryId, body, signature })
      if (same) expect(replay).toMatchObject({ status: 200, body: { duplicate: true } })
      else if (body !== JSON.stringify(ping)) expect(replay).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } })
    }), { seed: SEED, numRuns: 12 })
    expect(await rowCounts()).toEqual(before)
  }, 300_000)
})
