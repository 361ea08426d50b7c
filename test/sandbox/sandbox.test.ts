import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import { invoke } from '../functions/helpers.ts'
import { anonymousVisitor, openSandbox } from './helpers.ts'

let stack: TestStack
let visitor: Client
let visitorId: string
let sandbox: string
let project: string

beforeAll(async () => {
  stack = await startProjectStack()
  ;({ client: visitor, userId: visitorId } = await anonymousVisitor(stack))
  sandbox = await openSandbox(visitor)
  project = (await sql(stack, 'select id from public.projects where organization_id = $1', [sandbox]))[0].id
}, 120_000)
afterAll(async () => { await stack?.stop() })

const PUBLIC_TABLES = async () => (await sql(stack, `
  select c.table_name, bool_or(c.column_name = 'organization_id') as by_org, bool_or(c.column_name = 'project_id') as by_project,
    bool_or(c.column_name = 'user_id') as by_user
  from information_schema.columns c join pg_tables t on t.schemaname = c.table_schema and t.tablename = c.table_name
  where c.table_schema = 'public' group by c.table_name order by 1`)) as Array<{ table_name: string; by_org: boolean; by_project: boolean; by_user: boolean }>

describe('a demo sandbox', () => {
  it('gives the anonymous visitor an organization of their own to administer, with a project, environments and a pipeline', async () => {
    const [org] = await sql(stack, 'select o.name, o.owner_id, s.user_id, s.expires_at - s.created_at as ttl from public.organizations o join public.sandboxes s on s.organization_id = o.id where o.id = $1', [sandbox])
    expect(org).toMatchObject({ name: 'Demo sandbox', owner_id: visitorId, user_id: visitorId })
    expect(org.ttl).toMatchObject({ days: 1 })
    const { data: members } = await visitor.from('organization_members').select('user_id, role')
    expect(members).toEqual([{ user_id: visitorId, role: 'admin' }])
    const { data: envs } = await visitor.from('environments').select('key, required_approvals').order('position')
    expect(envs).toEqual([{ key: 'dev', required_approvals: 0 }, { key: 'staging', required_approvals: 1 }])
    const { data: pipelines } = await visitor.from('flow_templates').select('name, nodes')
    expect(pipelines!.map((p) => p.name)).toEqual(['Demo release'])
    const { data: current } = await visitor.from('deployment_versions').select('version_tag').eq('is_current', true)
    expect(current).toEqual([{ version_tag: 'v1.0.0' }])
    // Asking again is the same sandbox, not another one.
    expect(await openSandbox(visitor)).toBe(sandbox)
  })

  it('shows the visitor no row of any other organization, in any table', async () => {
    for (const table of await PUBLIC_TABLES()) {
      const columns = ['by_org', 'by_project', 'by_user'].filter((c) => table[c as 'by_org']).map((c) => ({ by_org: 'organization_id', by_project: 'project_id', by_user: 'user_id' })[c]!)
      const { data, error } = await visitor.from(table.table_name).select(columns.length ? columns.join(',') : '*').limit(1000)
      if (error) { // a table the visitor may not read at all (no grant) shows nothing either
        expect(error.code, `${table.table_name}: ${error.message}`).toBe('42501')
        continue
      }
      for (const row of data as unknown as Array<Record<string, unknown>>) {
        if (table.by_org && row.organization_id !== null) expect(row.organization_id, table.table_name).toBe(sandbox)
        if (table.by_project && row.project_id !== null) expect(row.project_id, table.table_name).toBe(project)
        if (table.by_user && row.user_id !== null) expect(row.user_id, table.table_name).toBe(visitorId)
      }
      if (table.table_name === 'organizations') expect((data as unknown[]).length).toBe(1)
    }
    // Acme's rows exist, and are simply invisible.
    const { data: acme } = await visitor.from('projects').select('id').eq('id', DEMO.project)
    expect(acme).toEqual([])
    const { data: profiles } = await visitor.from('profiles').select('id')
    expect(profiles).toEqual([{ id: visitorId }])
  })

  it('cannot escalate: no real organization, no invitations, no members in or out, no changed expiry', async () => {
    const created = await visitor.from('organizations').insert({ name: 'Mine', slug: `mine-${Date.now()}`, owner_id: visitorId })
    expect(created.error).toMatchObject({ code: '42501' })

    const invite = await visitor.rpc('invite_member', { _organization_id: sandbox, _email: 'friend@example.com', _role: 'admin' })
    expect(invite.error?.message).toBe('demo sandboxes cannot invite anyone; sign up to build a team')

    const addReal = await visitor.from('organization_members').insert({ organization_id: sandbox, user_id: DEMO.users.viewer, role: 'viewer' })
    expect(addReal.error?.message).toBe('a demo sandbox has one member, the visitor it was made for')

    // Not even a real organization's admin can bring a demo user in.
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const pulled = await admin.from('organization_members').insert({ organization_id: DEMO.acme, user_id: visitorId, role: 'viewer' })
    expect(pulled.error?.message).toBe('demo users cannot join organizations; sign up to join one')
    const intoSandbox = await admin.from('organization_members').insert({ organization_id: sandbox, user_id: DEMO.users.admin, role: 'admin' })
    expect(intoSandbox.error).not.toBeNull()

    await visitor.from('sandboxes').update({ expires_at: '2999-01-01T00:00:00Z' }).eq('organization_id', sandbox)
    await visitor.from('sandboxes').delete().eq('organization_id', sandbox)
    const [row] = await sql(stack, `select expires_at < now() + interval '2 days' as soon from public.sandboxes where organization_id = $1`, [sandbox])
    expect(row).toEqual({ soon: true })

    const cleanup = await visitor.rpc('cleanup_expired_sandboxes')
    expect(cleanup.error).toMatchObject({ code: '42501' })
    expect((await invoke(visitor, 'sandbox-cleanup', {})).status).toBe(403)

    // Someone signed in with an account gets no sandbox.
    const real = await admin.rpc('open_sandbox')
    expect(real.error?.message).toBe('only demo (anonymous) users open sandboxes; you are signed in with an account')
    expect(await sql(stack, 'select 1 from public.organization_members where user_id = $1 and organization_id <> $2', [visitorId, sandbox])).toEqual([])
  })

  it('takes the tour\'s steps for real: run (test fails), rerun from checkpoint, self-approve, deploy, roll back', async () => {
    const status = async (id: string) => (await sql(stack, 'select status from public.executions where id = $1', [id]))[0].status
    const [pipeline] = await sql(stack, 'select id from public.flow_templates where project_id = $1', [project])
    const started = await invoke(visitor, 'pipeline-execute', { flow_template_id: pipeline.id })
    expect(started.status).toBe(201)
    const first = started.body.execution_id
    await expect.poll(() => status(first), { timeout: 60_000 }).toBe('failed')
    expect((await sql(stack, `select status from public.execution_nodes where execution_id = $1 and node_id = 'test'`, [first]))[0].status).toBe('failed')

    const rerun = await invoke(visitor, 'rerun-from-checkpoint', { execution_id: first })
    expect(rerun.status).toBe(201)
    const second = rerun.body.execution_id
    await expect.poll(() => status(second), { timeout: 60_000 }).toBe('paused')
    const { data: request } = await visitor.from('approval_requests').select('id, project_id, allow_self_approval').eq('execution_id', second).single()
    expect(request!.allow_self_approval).toBe(true)
    const vote = await visitor.from('approval_votes').insert({ approval_request_id: request!.id, project_id: request!.project_id, vote: 'approve', comment: 'demo' })
    expect(vote.error).toBeNull()
    await expect.poll(() => status(second), { timeout: 60_000 }).toBe('success')
    const { data: staging } = await visitor.from('environments').select('id').eq('key', 'staging').single()
    const { data: versions } = await visitor.from('deployment_versions').select('id, version_tag, is_current').eq('environment_id', staging!.id).order('created_at')
    expect(versions!.map((v) => [v.version_tag === 'v1.0.0', v.is_current])).toEqual([[true, false], [false, true]])

    const back = await invoke(visitor, 'rollback-deployment', { environment_id: staging!.id, version_id: versions![0].id, reason: 'demo: roll back the new release' })
    expect(back, JSON.stringify(back.body)).toMatchObject({ status: 201 })
    const { data: current } = await visitor.from('deployment_versions').select('version_tag').eq('environment_id', staging!.id).eq('is_current', true)
    expect(current).toEqual([{ version_tag: 'v1.0.0' }])
  })

  it('limits sandboxes per address and in total, with a 429 and a sentence', async () => {
    await sql(stack, 'update private.sandbox_limits set per_ip = 2')
    await openSandbox((await anonymousVisitor(stack, '203.0.113.7')).client)
    await openSandbox((await anonymousVisitor(stack, '203.0.113.7')).client)
    const third = visitorRpc((await anonymousVisitor(stack, '203.0.113.7')).client)
    const refused = await third
    expect(refused.status).toBe(429)
    expect(refused.error?.message).toMatch(/^Too many demo sandboxes from your address \(2 an hour\); try again in \d+ minutes$/)
    expect(JSON.parse(refused.error!.details)).toMatchObject({ scope: 'ip', limit: 2 })

    const [{ count }] = await sql(stack, 'select count(*)::int as count from private.sandbox_requests')
    await sql(stack, 'update private.sandbox_limits set per_ip = 100, total = $1', [count])
    const busy = await visitorRpc((await anonymousVisitor(stack, '192.0.2.55')).client)
    expect(busy.status).toBe(429)
    expect(busy.error?.message).toMatch(/^The demo is busy/)
    await sql(stack, 'update private.sandbox_limits set per_ip = 5, total = 200')
  })

  it('is deleted after its day by the scheduled cleanup, with every row under it and its visitor', async () => {
    const other = await anonymousVisitor(stack, '198.51.100.99')
    const live = await openSandbox(other.client)
    await sql(stack, `update public.sandboxes set expires_at = now() - interval '1 second' where organization_id = $1`, [sandbox])
    const under = () => sql(stack, `
      select (select count(*) from public.projects where organization_id = $1)::int as projects,
        (select count(*) from public.environments where project_id = $2)::int as environments,
        (select count(*) from public.flow_templates where project_id = $2)::int as pipelines,
        (select count(*) from public.executions where project_id = $2)::int as runs,
        (select count(*) from public.execution_nodes n join public.executions e on e.id = n.execution_id where e.project_id = $2)::int as nodes,
        (select count(*) from public.deployments where project_id = $2)::int as deployments,
        (select count(*) from public.organization_members where organization_id = $1)::int as members,
        (select count(*) from auth.users where id = $3)::int as visitor`, [sandbox, project, visitorId])
    expect(Object.values((await under())[0]).every((n) => (n as number) > 0)).toBe(true)

    // An anonymous user a day old that never got a sandbox goes too; a new one stays.
    const stray = (await anonymousVisitor(stack, '198.51.100.98')).userId
    const fresh = (await anonymousVisitor(stack, '198.51.100.97')).userId
    await sql(stack, `update auth.users set created_at = now() - interval '25 hours' where id = $1`, [stray])
    const cleaned = await invoke(stack.service(), 'sandbox-cleanup', {})
    expect(cleaned).toEqual({ status: 200, body: { deleted: 1 } })
    expect((await under())[0]).toEqual({ projects: 0, environments: 0, pipelines: 0, runs: 0, nodes: 0, deployments: 0, members: 0, visitor: 0 })
    expect((await sql(stack, 'select id from auth.users where id = any($1)', [[stray, fresh]])).map((u) => u.id)).toEqual([fresh])
    // The sandbox that has not expired is untouched.
    expect(await sql(stack, 'select organization_id from public.sandboxes where organization_id = $1', [live])).toHaveLength(1)
    expect((await invoke(stack.service(), 'sandbox-cleanup', {})).body).toEqual({ deleted: 0 })
  })
})

async function visitorRpc(client: Client) {
  return client.rpc('open_sandbox')
}
