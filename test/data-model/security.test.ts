import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

let stack: TestStack
const clients: Record<string, Client> = {}

beforeAll(async () => {
  stack = await startProjectStack()
  clients.anon = stack.anon()
  for (const role of ['viewer', 'operator', 'admin', 'globex']) clients[role] = await signIn(stack, `${role}@opzenix.dev`)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('row-level security coverage', () => {
  it('has RLS enabled on every table in public', async () => {
    const unprotected = await sql(stack, `select tablename from pg_tables where schemaname = 'public' and not rowsecurity`)
    expect(unprotected).toEqual([])
  })

  it('scopes every policy to named roles (none falls back to public, which includes anon)', async () => {
    const unscoped = await sql(stack,
      `select tablename, policyname from pg_policies where schemaname = 'public' and 'public' = any (roles)`)
    expect(unscoped).toEqual([])
  })

  it('has at most one policy per table, operation and role', async () => {
    const doubled = await sql(stack,
      `select tablename, cmd, role, count(*)::int as n from pg_policies, unnest(roles) as role
       where schemaname = 'public' group by 1, 2, 3 having count(*) > 1`)
    expect(doubled).toEqual([])
  })

  it('gives a new sign-up the viewer role and no organization, whatever metadata it sends', async () => {
    const client = stack.anon()
    const { data, error } = await client.auth.signUp({
      email: 'eager@example.test', password: 'opzenix-demo', options: { data: { role: 'admin', full_name: 'Eager' } },
    })
    expect(error).toBeNull()
    const { data: roles } = await client.from('user_roles').select('role')
    expect(roles).toEqual([{ role: 'viewer' }])
    expect((await client.from('organizations').select('id')).data).toEqual([])
    expect((await client.from('profiles').select('full_name').eq('id', data.user!.id)).data).toEqual([{ full_name: 'Eager' }])
    // Nothing the user can send upgrades them.
    expect((await client.from('user_roles').insert({ user_id: data.user!.id, role: 'admin' })).error?.code).toBe('42501')
    expect((await client.from('organization_members').insert({ organization_id: DEMO.acme, user_id: data.user!.id, role: 'admin' })).error?.code).toBe('42501')
    expect((await client.from('organizations').insert({ name: 'Theirs', slug: 'theirs', owner_id: DEMO.users.admin })).error?.code).toBe('42501')
  })

  it('does not let an operator promote themselves in their organization', async () => {
    await clients.operator.from('organization_members').update({ role: 'admin' }).eq('user_id', DEMO.users.operator)
    const [row] = await sql(stack, 'select role from public.organization_members where organization_id = $1 and user_id = $2', [DEMO.acme, DEMO.users.operator])
    expect(row.role).toBe('operator')
  })
})

describe('secrets', () => {
  it('never returns GitHub token ciphertext or webhook secrets to anon or signed-in users', async () => {
    for (const [who, client] of Object.entries(clients)) {
      for (const [table, column] of [['github_tokens', 'encrypted_token'], ['github_integrations', 'webhook_secret']]) {
        const explicit = await client.from(table).select(`id, ${column}`)
        expect(explicit.data, `${who} ${table}.${column}`).toBeNull()
        expect(explicit.error?.code, `${who} ${table}.${column}`).toBe('42501')
        const star = await client.from(table).select('*')
        expect(star.data, `${who} ${table}.*`).toBeNull()
      }
    }
  })

  it('still shows owners which tokens they have, without the token', async () => {
    const { data, error } = await clients.admin.from('github_tokens').select('token_hint, scopes')
    expect(error).toBeNull()
    expect(data).toEqual([{ token_hint: 'x9Qa', scopes: ['repo', 'workflow'] }])
  })

  it('lets service_role (edge functions) read the ciphertext', async () => {
    const { data } = await stack.service().from('github_tokens').select('encrypted_token').eq('user_id', DEMO.users.admin).single()
    expect(data!.encrypted_token).toMatch(/^v1:gcm:/)
  })

  it('keeps secrets out of the audit trail', async () => {
    const { data } = await clients.admin.from('audit_logs').select('after').eq('resource_type', 'github_integrations')
    expect(data!.length).toBeGreaterThan(0)
    expect(JSON.stringify(data)).not.toContain('whsec_')
  })

  it('stores references, not values, for environment secrets', async () => {
    const columns = await sql(stack, `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'secret_references'`)
    expect(columns.map((c) => c.column_name)).not.toContain('value')
  })
})

describe('audit trail', () => {
  it('records who changed a membership, before and after', async () => {
    const { data: member } = await stack.service().from('organization_members').select('id')
      .eq('organization_id', DEMO.acme).eq('user_id', DEMO.users.viewer).single()
    expect((await clients.admin.from('organization_members').update({ role: 'operator' }).eq('id', member!.id)).error).toBeNull()
    const { data } = await clients.admin.from('audit_logs').select('user_id, action, before, after')
      .eq('resource_type', 'organization_members').eq('resource_id', member!.id).eq('action', 'update')
    expect(data).toHaveLength(1)
    expect(data![0]).toMatchObject({ user_id: DEMO.users.admin, before: { role: 'viewer' }, after: { role: 'operator' } })
    await clients.admin.from('organization_members').update({ role: 'viewer' }).eq('id', member!.id)
  })

  it('is append-only through every API role, service_role included', async () => {
    const [{ id }] = await sql(stack, 'select min(id) as id from public.audit_logs')
    for (const client of [clients.admin, stack.service()]) {
      expect((await client.from('audit_logs').update({ action: 'nothing happened' }).eq('id', id)).error?.code).toBe('42501')
      expect((await client.from('audit_logs').delete().eq('id', id)).error?.code).toBe('42501')
      expect((await client.from('audit_logs').insert({ action: 'forged', resource_type: 'x', hash: 'x' })).error?.code).toBe('42501')
    }
    expect((await sql(stack, 'select action from public.audit_logs where id = $1', [id]))[0].action).toBe('insert')
  })

  it('verifies the chain and names the first row the database owner tampered with', async () => {
    const verify = async () => (await stack.service().rpc('verify_audit_chain')).data
    expect(await verify()).toBeNull()
    // Organization admins may check the chain too (the audit page); members below admin may not.
    expect(await clients.admin.rpc('verify_audit_chain')).toMatchObject({ data: null, error: null })
    for (const role of ['operator', 'viewer']) expect((await clients[role].rpc('verify_audit_chain')).error?.code).toBe('42501')

    const [row] = await sql(stack, `select id, after from public.audit_logs where resource_type = 'deployments' order by id limit 1 offset 5`)
    await sql(stack, `update public.audit_logs set after = jsonb_set(after, '{deployed_by}', to_jsonb($2::text)) where id = $1`, [row.id, DEMO.users.globex])
    expect(Number(await verify())).toBe(Number(row.id))

    await sql(stack, 'update public.audit_logs set after = $2 where id = $1', [row.id, row.after])
    expect(await verify()).toBeNull()
  })

  it('notices a row the database owner deleted: the next row no longer links', async () => {
    const [gone, next] = await sql(stack, `select id from public.audit_logs order by id limit 2 offset 20`)
    await sql(stack, 'delete from public.audit_logs where id = $1', [gone.id])
    expect(Number((await stack.service().rpc('verify_audit_chain')).data)).toBe(Number(next.id))
  })
})

describe('avatars and realtime', () => {
  it('lets each user write avatars only under their own folder, and anyone read them', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' })
    const avatars = clients.viewer.storage.from('avatars')
    expect((await avatars.upload(`${DEMO.users.viewer}/me.png`, png, { contentType: 'image/png' })).error).toBeNull()
    expect((await avatars.upload(`${DEMO.users.operator}/me.png`, png, { contentType: 'image/png' })).error).not.toBeNull()
    const { data } = clients.anon.storage.from('avatars').getPublicUrl(`${DEMO.users.viewer}/me.png`)
    expect((await fetch(data.publicUrl)).status).toBe(200)
  })

  it('publishes the tables the UI watches', async () => {
    const rows = await sql(stack, `select tablename from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public'`)
    expect(rows.map((r) => r.tablename).sort()).toEqual([
      'approval_requests', 'approval_votes', 'audit_logs', 'break_glass_requests', 'connection_health_events', 'connections',
      'deploy_queue', 'deployment_versions', 'deployments', 'environment_locks', 'environment_permissions', 'environments',
      'evidence_gate_exceptions', 'execution_logs', 'execution_nodes',
      'execution_state_events', 'executions', 'freeze_windows', 'notification_deliveries', 'notification_events', 'organization_members', 'projects',
      'sboms', 'step_evidence', 'team_members', 'teams', 'telemetry_signals', 'test_reports', 'vulnerability_scans', 'webhook_deliveries',
    ])
  })
})

describe('policy names', () => {
  it('are whole sentences (none cut at the 63-byte identifier limit)', async () => {
    const rows = await sql(stack, `select policyname from pg_policies where schemaname in ('public', 'storage')`)
    expect(rows.filter((r) => Buffer.byteLength(r.policyname) >= 63 || !/^[A-Z].*[a-z)']$/.test(r.policyname))).toEqual([])
  })
})

describe('creating an organization', () => {
  it('returns the new organization to the installation admin who created it, now its admin', async () => {
    const { data, error } = await clients.admin.from('organizations')
      .insert({ name: 'Initech', slug: 'initech', owner_id: DEMO.users.admin }).select('id, slug').single()
    expect(error).toBeNull()
    expect(data!.slug).toBe('initech')
    const { data: members } = await clients.admin.from('organization_members').select('user_id, role').eq('organization_id', data!.id)
    expect(members).toEqual([{ user_id: DEMO.users.admin, role: 'admin' }])
  })
})
