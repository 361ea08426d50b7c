// The connections page's reads and writes through the app's API functions and real supabase-js, on a fresh
// stack with the demo seed: what each role may do (RLS and the function decide), and refusals as sentences.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, sql, startProjectStack } from '../../../../test/data-model/demo.ts'
import type { TestStack } from '../../../../test/helpers/stack.ts'
import type { ConnectionFormValues } from '../lib/connection-form.ts'

let stack: TestStack
let api: typeof import('./get-connections.ts') & typeof import('./get-connection-statuses.ts') & typeof import('./save-connection.ts')
  & typeof import('./delete-connection.ts') & typeof import('./check-connection.ts') & typeof import('./get-health-events.ts')
let supabase: typeof import('../../../lib/supabase.ts')['supabase']

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}
// Port 9 (discard) on loopback: nothing listens, so the check fails at once.
const registry = (name: string): ConnectionFormValues => ({ type: 'container_registry', name, secret_ref: '', config: { registry_url: 'http://127.0.0.1:9' } })

beforeAll(async () => {
  process.env.OPZENIX_HEALTH_CHECK_MS = '0'
  stack = await startProjectStack()
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  api = {
    ...(await import('./get-connections.ts')), ...(await import('./get-connection-statuses.ts')), ...(await import('./save-connection.ts')),
    ...(await import('./delete-connection.ts')), ...(await import('./check-connection.ts')), ...(await import('./get-health-events.ts')),
  }
})

afterAll(async () => {
  vi.unstubAllEnvs()
  delete process.env.OPZENIX_HEALTH_CHECK_MS
  await stack?.stop()
})

describe('connections', () => {
  let id = ''

  it('lists the organization\'s connections with their latest check, by type', async () => {
    await as('viewer')
    const all = await api.getConnections(DEMO.acme, '', 0)
    expect(all.total).toBe(5)
    // The seed records no checks; two are written here, and the list shows the newer.
    expect(all.rows.find((r) => r.id === DEMO.connection)!.latest ?? null).toBeNull()
    await sql(stack, `insert into public.connection_health_events (connection_id, organization_id, status, response_time_ms, checked_at)
      values ($1, $2, 'down', 900, now() - interval '1 hour'), ($1, $2, 'healthy', 123, now())`, [DEMO.connection, DEMO.acme])
    const github = (await api.getConnections(DEMO.acme, '', 0)).rows.find((r) => r.id === DEMO.connection)!
    expect(github.latest?.response_time_ms).toBe(123)
    expect((await api.getConnections(DEMO.acme, 'otel', 0)).rows.map((r) => r.name)).toEqual(['OTLP collector'])
    expect((await api.getConnectionStatuses(DEMO.acme)).counts).toEqual({ healthy: 0, degraded: 0, down: 0, unknown: 5 })
    expect((await api.getConnections(DEMO.globex, '', 0)).total).toBe(0)
  })

  it('refuses a viewer adding one, in a sentence', async () => {
    await as('viewer')
    await expect(api.saveConnection({ orgId: DEMO.acme, values: registry('Viewer registry') })).rejects.toThrow('Only organization admins can add connections.')
  })

  it('lets an admin add one; a taken name is refused in a sentence', async () => {
    await as('admin')
    id = (await api.saveConnection({ orgId: DEMO.acme, values: registry('Local registry') })).id
    await expect(api.saveConnection({ orgId: DEMO.acme, values: registry('Local registry') }))
      .rejects.toThrow('A connection named “Local registry” already exists in this organization; pick another name.')
    const [row] = await sql(stack, `select config, secret_ref, status, created_by from public.connections where id = $1`, [id])
    expect(row).toEqual({ config: { registry_url: 'http://127.0.0.1:9' }, secret_ref: null, status: 'unknown', created_by: DEMO.users.admin })
  })

  it('lets an operator check it (down, with the reason, recorded) but not change or delete it', async () => {
    await as('operator')
    const result = await api.checkConnection(id)
    expect(result).toMatchObject({ connection_id: id, ok: false, status: 'down', message: expect.stringMatching(/^The registry could not be reached/) })
    const events = await api.getHealthEvents(id, 0)
    expect(events.total).toBe(1)
    expect(events.rows[0]).toMatchObject({ status: 'down', response_time_ms: result.response_time_ms, message: result.message })
    await expect(api.saveConnection({ orgId: DEMO.acme, values: registry('Renamed'), existing: { id, config: {} } })).rejects.toThrow(/^Nothing was changed/)
    await expect(api.deleteConnection(id)).rejects.toThrow(/^Nothing was deleted/)
    expect(await sql(stack, `select name from public.connections where id = $1`, [id])).toEqual([{ name: 'Local registry' }])
  })

  it('refuses a viewer Check now (403 from the function)', async () => {
    await as('viewer')
    await expect(api.checkConnection(id)).rejects.toMatchObject({ status: 403, message: 'Only an operator of this organization can run a health check' })
  })

  it('lets an admin edit it (other config keys kept) and delete it with its history', async () => {
    await as('admin')
    await sql(stack, `update public.connections set config = config || '{"note": "kept"}' where id = $1`, [id])
    const [{ config }] = await sql(stack, `select config from public.connections where id = $1`, [id])
    await api.saveConnection({ orgId: DEMO.acme, values: { ...registry('Local registry'), secret_ref: 'LOCAL_REGISTRY' }, existing: { id, config } })
    expect((await sql(stack, `select config, secret_ref from public.connections where id = $1`, [id]))[0])
      .toEqual({ config: { registry_url: 'http://127.0.0.1:9', note: 'kept' }, secret_ref: 'LOCAL_REGISTRY' })
    await api.deleteConnection(id)
    expect(await sql(stack, `select count(*)::int as n from public.connection_health_events where connection_id = $1`, [id])).toEqual([{ n: 0 }])
  })
})
