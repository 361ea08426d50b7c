// The audit page's reads and "Verify chain" through the app's API functions and real supabase-js, on a
// fresh stack with the demo seed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, sql, startProjectStack } from '../../../../test/data-model/demo.ts'
import type { TestStack } from '../../../../test/helpers/stack.ts'

let stack: TestStack
let api: typeof import('./get-audit-logs.ts') & typeof import('./get-audit-facets.ts') & typeof import('./verify-audit-chain.ts')
let supabase: typeof import('../../../lib/supabase.ts')['supabase']

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}
const all = { action: '', resource: '' }

beforeAll(async () => {
  stack = await startProjectStack()
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  // The app's client is built for browsers; Node 20 has no global WebSocket for its (unused here) Realtime client.
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  api = { ...(await import('./get-audit-logs.ts')), ...(await import('./get-audit-facets.ts')), ...(await import('./verify-audit-chain.ts')) }
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await stack?.stop()
})

describe('audit trail', () => {
  it('pages an admin through the organization trail, newest first', async () => {
    await as('admin')
    const first = await api.getAuditLogs(DEMO.acme, all, 0)
    const second = await api.getAuditLogs(DEMO.acme, all, 1)
    expect(first.rows).toHaveLength(api.AUDIT_PAGE_SIZE)
    expect(first.total).toBeGreaterThan(api.AUDIT_PAGE_SIZE)
    const ids = [...first.rows, ...second.rows].map((r) => r.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
  })

  it('filters by action and resource, with the menus built from what the trail holds', async () => {
    await as('admin')
    const facets = await api.getAuditFacets(DEMO.acme)
    expect(facets.resources).toContain('environment_locks')
    expect(facets.actions).toContain('insert')
    await supabase.from('environment_locks').update({ is_locked: true, lock_reason: 'audit test' }).eq('environment_id', DEMO.env.uat)
    const locks = await api.getAuditLogs(DEMO.acme, { action: 'update', resource: 'environment_locks' }, 0)
    expect(locks.rows.length).toBeGreaterThan(0)
    expect(locks.rows.every((r) => r.action === 'update' && r.resource_type === 'environment_locks')).toBe(true)
    expect(locks.rows[0]).toMatchObject({ user_id: DEMO.users.admin, after: expect.objectContaining({ lock_reason: 'audit test' }) })
    expect(locks.rows[0]!.actorName).not.toBe(DEMO.users.admin)
  })

  it('shows a viewer nothing (RLS), and refuses them Verify chain', async () => {
    await as('viewer')
    expect((await api.getAuditLogs(DEMO.acme, all, 0)).total).toBe(0)
    await expect(api.verifyAuditChain()).rejects.toThrow('Only organization admins can verify the audit chain.')
  })

  it('verifies an intact chain for an admin, and finds the row someone altered', async () => {
    await as('admin')
    expect(await api.verifyAuditChain()).toMatchObject({ intact: true })
    // Table owners can bypass the API's append-only privileges; the chain is what catches them.
    const [{ id }] = await sql(stack, `select id from public.audit_logs order by id desc offset 3 limit 1`)
    await sql(stack, `update public.audit_logs set details = '{"tampered": true}' where id = $1`, [id])
    const verdict = await api.verifyAuditChain()
    expect(verdict.intact).toBe(false)
    expect(verdict.message).toContain(`#${id}`)
  })
})
