// The audit page's reads and "Verify chain" through the app's API functions and real supabase-js, on a
// fresh stack with the demo seed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, sql, startProjectStack } from '../../../../test/data-model/demo.ts'
import type { TestStack } from '../../../../test/helpers/stack.ts'
import { emptyAuditFilter, exportParams } from '../lib/audit-filter.ts'

let stack: TestStack
let api: typeof import('./get-audit-logs.ts') & typeof import('./get-audit-facets.ts') & typeof import('./verify-audit-chain.ts') & typeof import('./export-audit.ts') & typeof import('./get-audit-environments.ts')
let supabase: typeof import('../../../lib/supabase.ts')['supabase']

async function as(user: keyof typeof DEMO.users) {
  await supabase.auth.signOut()
  const { error } = await supabase.auth.signInWithPassword({ email: `${user}@opzenix.dev`, password: DEMO.password })
  if (error) throw error
}
const all = emptyAuditFilter

beforeAll(async () => {
  stack = await startProjectStack()
  vi.stubEnv('VITE_SUPABASE_URL', stack.apiUrl)
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', stack.anonKey)
  // The app's client is built for browsers; Node 20 has no global WebSocket for its (unused here) Realtime client.
  globalThis.WebSocket ??= (await import('ws')).default as unknown as typeof WebSocket
  supabase = (await import('../../../lib/supabase.ts')).supabase
  api = {
    ...(await import('./get-audit-logs.ts')), ...(await import('./get-audit-facets.ts')), ...(await import('./verify-audit-chain.ts')),
    ...(await import('./export-audit.ts')), ...(await import('./get-audit-environments.ts')),
  }
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
    const locks = await api.getAuditLogs(DEMO.acme, { ...all, action: 'update', resource: 'environment_locks' }, 0)
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

  it('filters by who, environment, time range, one resource\'s history and one entry, matching SQL', async () => {
    await as('admin')
    const [{ now: since }] = await sql(stack, `select now()::text as now`)
    await supabase.from('environment_locks').update({ is_locked: true, lock_reason: 'filters test' }).eq('environment_id', DEMO.env.staging)
    const facets = await api.getAuditFacets(DEMO.acme)
    expect(facets.actors).toContainEqual({ id: DEMO.users.admin, name: expect.not.stringContaining(DEMO.users.admin) })
    const environments = await api.getAuditEnvironments(DEMO.acme)
    expect(environments.map((e) => e.id)).toEqual(expect.arrayContaining(Object.values(DEMO.env)))

    const recent = await api.getAuditLogs(DEMO.acme, { ...all, actor: DEMO.users.admin, environment: DEMO.env.staging, from: new Date(since).toISOString() }, 0)
    const expected = await sql(stack, `select id::int from public.audit_logs where organization_id = $1 and user_id = $2 and created_at >= $4
      and (resource_id = $3 or after->>'environment_id' = $3 or before->>'environment_id' = $3) order by id desc`, [DEMO.acme, DEMO.users.admin, DEMO.env.staging, since])
    expect(expected.length).toBeGreaterThan(0)
    expect(recent.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id))
    expect(recent.total).toBe(expected.length)

    const lock = recent.rows.find((r) => r.resource_type === 'environment_locks')!
    const history = await api.getAuditLogs(DEMO.acme, { ...all, resource: 'environment_locks', resourceId: lock.resource_id! }, 0)
    expect(history.rows.length).toBeGreaterThan(0)
    expect(history.rows.every((r) => r.resource_id === lock.resource_id)).toBe(true)
    expect((await api.getAuditLogs(DEMO.acme, { ...all, entry: String(lock.id) }, 0)).rows.map((r) => r.id)).toEqual([lock.id])
    expect((await api.getAuditLogs(DEMO.acme, { ...all, to: '2001-01-01T00:00:00.000Z' }, 0)).total).toBe(0)
  })

  it('exports the filtered rows through audit-export with progress, as the Export buttons do', async () => {
    await as('admin')
    const filter = { ...all, resource: 'environment_locks' }
    const progress: number[] = []
    const csv = await api.exportAudit(exportParams(DEMO.acme, filter), 'csv', (p) => progress.push(p.rows))
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1 and resource_type = 'environment_locks'`, [DEMO.acme])
    expect(csv).toMatchObject({ rows: n, total: n, filename: expect.stringMatching(/^audit-acme.*\.csv$/) })
    expect(progress.at(-1)).toBe(n)
    const text = await csv.blob.text()
    expect(text.startsWith('id,created_at,')).toBe(true)
    expect(csv.bytes).toBe(new TextEncoder().encode(text).byteLength)
    const json = await api.exportAudit(exportParams(DEMO.acme, filter), 'json')
    const rows = JSON.parse(await json.blob.text())
    expect(rows).toHaveLength(n)
    expect(rows.every((r: { resource_type: string }) => r.resource_type === 'environment_locks')).toBe(true)
  })

  it('refuses a viewer the export with the function\'s reason', async () => {
    await as('viewer')
    await expect(api.exportAudit({ organization_id: DEMO.acme }, 'csv')).rejects.toMatchObject({ status: 403, message: expect.stringContaining('admin') })
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
