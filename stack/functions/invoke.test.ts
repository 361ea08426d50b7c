import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SupabaseClient } from '@supabase/supabase-js'
import { signJwt } from '../jwt.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'

let stack: TestStack

async function signedIn(email: string): Promise<{ client: SupabaseClient; token: string }> {
  const client = stack.anon()
  const { data, error } = await client.auth.signUp({ email, password: 'correct-horse-battery' })
  if (error || !data.session) throw error ?? new Error('no session')
  return { client, token: data.session.access_token }
}

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${stack.apiUrl}/functions/v1/${path}`, init)
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(async () => {
  await stack?.stop()
})

describe('invoking functions', () => {
  it('a signed-in user invokes a function with a JSON body through supabase-js', async () => {
    const { client } = await signedIn('ada@example.com')
    const { data, error } = await client.functions.invoke('hello', { body: { name: 'Ada' } })
    expect(error).toBeNull()
    expect(data).toEqual({ message: 'Hello Ada!' })
  })

  it('refuses a call without a token with the runtime 401, while an open function answers anyone', async () => {
    const closed = await call('hello', { headers: { apikey: stack.anonKey } })
    expect(closed.status).toBe(401)
    expect(await closed.json()).toEqual({ msg: 'Error: Missing authorization header' })

    const open = await call('open-hello')
    expect(open.status).toBe(200)
    expect(await open.json()).toEqual({ message: 'Hello from an open function!' })
  })

  it('refuses a JWT signed with another secret, and a header that is not a bearer token', async () => {
    const forged = await signJwt(
      { role: 'service_role', iss: 'supabase-demo', exp: Math.floor(Date.now() / 1000) + 3600 },
      'a-different-secret-that-is-also-at-least-32-characters',
    )
    const { data, error } = await stack.anon().functions.invoke('hello', { headers: { Authorization: `Bearer ${forged}` } })
    expect(data).toBeNull()
    expect(error?.context.status).toBe(401)
    expect(await error?.context.json()).toEqual({ msg: 'Invalid JWT' })

    const basic = await call('hello', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })
    expect(basic.status).toBe(401)
    expect(await basic.json()).toEqual({ msg: "Error: Auth header is not 'Bearer {token}'" })
  })

  it('gives functions the Supabase variables and the secrets of functions/.env', async () => {
    const { data } = await stack.anon().functions.invoke('echo-env')
    expect(data).toEqual({
      SUPABASE_URL: stack.apiUrl,
      SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SUPABASE_DB_URL: stack.dbUrl,
      FIXTURE_SECRET: 'read from functions/.env',
    })
  })

  it('passes method, sub-path, query, body and headers through, and the function status and headers back', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const answer = await call('echo/sub/path?x=1&y=two&status=201', {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.anonKey}`, apikey: stack.anonKey, traceparent, 'content-type': 'text/plain' },
      body: 'plain words',
    })
    expect(answer.status).toBe(201)
    expect(answer.headers.get('x-echo')).toBe('yes')
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example')
    const seen = await answer.json()
    expect(seen).toMatchObject({ method: 'PUT', path: '/echo/sub/path', search: '?x=1&y=two&status=201', body: 'plain words' })
    expect(seen.headers).toMatchObject({ authorization: `Bearer ${stack.anonKey}`, apikey: stack.anonKey, traceparent })
  })

  it('echoes a JSON body sent by functions.invoke', async () => {
    const { data } = await stack.anon().functions.invoke('echo', { body: { steps: [1, 2], ok: true } })
    expect(data.method).toBe('POST')
    expect(JSON.parse(data.body)).toEqual({ steps: [1, 2], ok: true })
    expect(data.headers['content-type']).toBe('application/json')
  })

  it('lets a function query PostgREST with supabase-js as the caller, under RLS', async () => {
    const ada = await signedIn('ada.notes@example.com')
    const bob = await signedIn('bob.notes@example.com')
    expect((await ada.client.from('notes').insert({ body: 'ada private' })).error).toBeNull()
    expect((await bob.client.from('notes').insert({ body: 'bob private' })).error).toBeNull()
    expect((await bob.client.from('notes').insert({ body: 'bob public', is_public: true })).error).toBeNull()

    expect((await ada.client.functions.invoke('list-notes')).data).toEqual({ bodies: ['ada private', 'bob public'] })
    expect((await bob.client.functions.invoke('list-notes')).data).toEqual({ bodies: ['bob private', 'bob public'] })
    expect((await stack.anon().functions.invoke('list-notes')).data).toEqual({ bodies: ['bob public'] })
  })

  it('runs the CLI template shape: a jsr: types import and an npm: import of supabase-js calling Auth', async () => {
    const { client } = await signedIn('grace@example.com')
    const { data, error } = await client.functions.invoke('whoami')
    expect(error).toBeNull()
    expect(data).toEqual({ email: 'grace@example.com' })
  })

  it('answers CORS preflights, and lets a plain OPTIONS reach the function without a token', async () => {
    const preflight = await call('hello', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-client-info, apikey, content-type' },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization')

    const options = await call('echo', { method: 'OPTIONS' })
    expect(options.status).toBe(200)
    expect((await options.json()).method).toBe('OPTIONS')
  })

  it('streams an answer as it is produced, while other requests are served', async () => {
    const auth = { authorization: `Bearer ${stack.anonKey}` }
    const waiting = await call('slow/wait', { headers: auth })
    const reader = waiting.body!.getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader.read()).value)).toBe('waiting\n')

    expect((await call('hello', { headers: auth })).status).toBe(200)
    expect(await (await call('slow/release', { headers: auth })).text()).toBe('released')

    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value)
    expect(rest).toBe('done\n')
  })
})
