import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { signJwt } from '../jwt.ts'

let stack: TestStack
beforeAll(async () => { stack = await startTestStack() })
afterAll(async () => { await stack?.stop() })

describe('REST through the gateway', () => {
  it('serves a table a migration created, with the seed applied', async () => {
    const { data, error } = await stack.anon().from('open_counters').select('label, value')
    expect(error).toBeNull()
    expect(data).toEqual([{ label: 'seeded', value: 1 }])
  })

  it('lets anon write a table without RLS, as Supabase default privileges do', async () => {
    const { data, error } = await stack.anon().from('open_counters').insert({ label: 'new' }).select().single()
    expect(error).toBeNull()
    expect(data).toMatchObject({ label: 'new', value: 0 })
  })

  it('refuses writes that RLS forbids with PostgreSQL error 42501', async () => {
    const { error } = await stack.anon().from('notes').insert({ body: 'x', owner_id: crypto.randomUUID() })
    expect(error?.code).toBe('42501')
  })

  it('caps rows at max_rows from config.toml', async () => {
    await stack.service().from('open_counters').insert(Array.from({ length: 150 }, (_, i) => ({ label: `c${i}` })))
    const { data } = await stack.anon().from('open_counters').select('id')
    expect(data).toHaveLength(100)
  })

  it('records migrations where the Supabase CLI looks for them', async () => {
    const client = new pg.Client({ connectionString: stack.dbUrl })
    await client.connect()
    const { rows } = await client.query('select version, name from supabase_migrations.schema_migrations')
    await client.end()
    expect(rows).toContainEqual({ version: '20260101000000', name: 'notes' })
  })

  it('asks for an API key like Supabase’s gateway', async () => {
    const missing = await fetch(`${stack.apiUrl}/rest/v1/notes`)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ message: 'No API key found in request' })
    const wrong = await fetch(`${stack.apiUrl}/rest/v1/notes`, { headers: { apikey: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ message: 'Invalid authentication credentials' })
  })

  it('takes the API key from the query string too, and does not hand it to PostgREST as a filter', async () => {
    const res = await fetch(`${stack.apiUrl}/rest/v1/open_counters?select=label&label=eq.seeded&apikey=${stack.anonKey}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([{ label: 'seeded' }])
  })

  it('refuses a token once it has expired, though PostgREST served (and cached) it before', async () => {
    // PostgREST allows 30 s of clock skew: this token is accepted for about 3 s more, then refused.
    const exp = Math.floor(Date.now() / 1000) - 27
    const token = await signJwt({ role: 'anon', exp }, stack.jwtSecret)
    const read = () => fetch(`${stack.apiUrl}/rest/v1/open_counters?select=label&label=eq.seeded`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` } })
    for (let i = 0; i < 2; i++) expect((await read()).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, (exp + 31) * 1000 - Date.now()))
    const expired = await read()
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ code: 'PGRST301', message: 'JWT expired' })
  })

  it('answers CORS preflights for browser clients', async () => {
    const res = await fetch(`${stack.apiUrl}/rest/v1/notes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey,authorization,traceparent' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toContain('traceparent')
  })
})
