import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

let stack: TestStack
let n = 0

beforeAll(async () => { stack = await startProjectStack() }, 120_000)
afterAll(async () => { await stack?.stop() })

async function signUp(label: string): Promise<{ client: Client; id: string; email: string }> {
  const client = stack.anon()
  const email = `${label}-${process.pid}-${++n}@Example.test`
  const { data, error } = await client.auth.signUp({ email, password: 'opzenix-demo' })
  if (error) throw error
  return { client, id: data.user!.id, email }
}

async function createOrganization(owner: Client, ownerId: string, name = 'Initech') {
  const { data, error } = await owner.from('organizations')
    .insert({ name, slug: `initech-${process.pid}-${++n}`, owner_id: ownerId }).select('id, name').single()
  if (error) throw error
  return data.id as string
}

async function invite(admin: Client, orgId: string, email: string, role: string) {
  const { data, error } = await admin.rpc('invite_member', { _organization_id: orgId, _email: email, _role: role }).single()
  if (error) throw error
  return data as { invitation_id: string; token: string; expires_at: string }
}

const roleOf = async (orgId: string, userId: string) =>
  (await sql(stack, 'select role from public.organization_members where organization_id = $1 and user_id = $2', [orgId, userId]))[0]?.role ?? null

describe('a team outside the seed starts on its own', () => {
  it('lets a new user create an organization and become its admin, and nobody else', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    expect(await roleOf(orgId, founder.id)).toBe('admin')
    const { data: project, error } = await founder.client.from('projects').insert({ organization_id: orgId, name: 'tps-reports' }).select('name').single()
    expect(error).toBeNull()
    expect(project).toEqual({ name: 'tps-reports' })
    const [entry] = await sql(stack, `select action, user_id from public.audit_logs where resource_type = 'organizations' and resource_id = $1`, [orgId])
    expect(entry).toMatchObject({ action: 'insert', user_id: founder.id })
  })

  it('invites by email with a single-use link that gives the invited role to the invited address only', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    const colleague = await signUp('colleague')
    const stranger = await signUp('stranger')
    const { token } = await invite(founder.client, orgId, colleague.email, 'operator')
    expect(token).toMatch(/^[0-9a-f]{64}$/)

    const { data: preview } = await colleague.client.rpc('invitation_preview', { _token: token }).single()
    expect(preview).toMatchObject({ organization_name: 'Initech', email: colleague.email.toLowerCase(), role: 'operator', status: 'open' })

    const wrongPerson = await stranger.client.rpc('accept_invitation', { _token: token })
    expect(wrongPerson.error?.message).toBe(`this invitation is for ${colleague.email.toLowerCase()}; sign in with that address to accept it`)
    expect(await roleOf(orgId, stranger.id)).toBeNull()

    const accepted = await colleague.client.rpc('accept_invitation', { _token: token })
    expect(accepted.error).toBeNull()
    expect(accepted.data).toBe(orgId)
    expect(await roleOf(orgId, colleague.id)).toBe('operator')
    expect((await colleague.client.from('organizations').select('name').eq('id', orgId)).data).toEqual([{ name: 'Initech' }])

    const again = await colleague.client.rpc('accept_invitation', { _token: token })
    expect(again.error?.message).toBe('this invitation has already been used')
    const { data: invitations } = await founder.client.from('organization_invitations').select('email, accepted_by').eq('organization_id', orgId)
    expect(invitations).toEqual([{ email: colleague.email.toLowerCase(), accepted_by: colleague.id }])
  })

  it('refuses expired, revoked and replaced links, and invitations from non-admins', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    const late = await signUp('late')
    const expired = await invite(founder.client, orgId, late.email, 'viewer')
    await sql(stack, `update public.organization_invitations set expires_at = now() - interval '1 minute' where id = $1`, [expired.invitation_id])
    expect((await late.client.rpc('accept_invitation', { _token: expired.token })).error?.message).toMatch(/^this invitation expired on .*; ask for a new one$/)

    const first = await invite(founder.client, orgId, late.email, 'viewer')
    const second = await invite(founder.client, orgId, late.email, 'operator')
    expect((await late.client.rpc('accept_invitation', { _token: first.token })).error?.message).toMatch(/not valid/)
    await founder.client.from('organization_invitations').delete().eq('id', second.invitation_id)
    expect((await late.client.rpc('accept_invitation', { _token: second.token })).error?.message).toMatch(/not valid/)
    expect(await roleOf(orgId, late.id)).toBeNull()

    const member = await signUp('member')
    await invite(founder.client, orgId, member.email, 'operator').then(({ token }) => member.client.rpc('accept_invitation', { _token: token }))
    const refused = await member.client.rpc('invite_member', { _organization_id: orgId, _email: 'x@example.test', _role: 'admin' })
    expect(refused.error?.message).toBe('only admins of the organization can invite')
    const bad = await founder.client.rpc('invite_member', { _organization_id: orgId, _email: 'not an address', _role: 'viewer' })
    expect(bad.error?.message).toBe('"not an address" is not an email address')
    expect((await member.client.from('organization_invitations').select('id')).data).toEqual([])
  })
})

describe('roles and removal take effect at once', () => {
  it('applies a demotion to the next request and a removal to open Realtime subscriptions', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    const colleague = await signUp('colleague')
    const bystander = await signUp('bystander')
    for (const [who, role] of [[colleague, 'admin'], [bystander, 'viewer']] as const) {
      const { token } = await invite(founder.client, orgId, who.email, role)
      await who.client.rpc('accept_invitation', { _token: token })
    }
    expect((await colleague.client.from('projects').insert({ organization_id: orgId, name: 'as-admin' })).error).toBeNull()
    await founder.client.from('organization_members').update({ role: 'viewer' }).eq('organization_id', orgId).eq('user_id', colleague.id)
    expect((await colleague.client.from('projects').insert({ organization_id: orgId, name: 'as-viewer' })).error?.code).toBe('42501')

    const seen = { colleague: [] as string[], founder: [] as string[] }
    const watch = (who: 'colleague' | 'founder', client: Client) => new Promise<void>((resolve) => {
      client.channel(`members-${who}`).on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'organization_members', filter: `organization_id=eq.${orgId}` },
        (change) => { seen[who].push(change.new.role) })
        .subscribe((status) => { if (status === 'SUBSCRIBED') resolve() })
    })
    await Promise.all([watch('colleague', colleague.client), watch('founder', founder.client)])
    const setBystander = (role: string) => founder.client.from('organization_members').update({ role }).eq('organization_id', orgId).eq('user_id', bystander.id)
    const until = async (check: () => boolean) => { while (!check()) await new Promise((r) => setTimeout(r, 20)) }

    await setBystander('operator')
    await until(() => seen.founder.length === 1 && seen.colleague.length === 1)
    expect((await founder.client.from('organization_members').delete().eq('organization_id', orgId).eq('user_id', colleague.id)).error).toBeNull()
    await setBystander('admin')
    await until(() => seen.founder.length === 2)
    // Realtime decides each change for all subscribers in one pass: once the founder has it, the colleague would too.
    await new Promise((r) => setTimeout(r, 300))
    expect(seen).toEqual({ founder: ['operator', 'admin'], colleague: ['operator'] })
    expect((await colleague.client.from('projects').select('id').eq('organization_id', orgId)).data).toEqual([])
    await founder.client.removeAllChannels()
    await colleague.client.removeAllChannels()
  })

  it('keeps the owner an admin until ownership is transferred, then lets the owner delete the organization', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    const heir = await signUp('heir')
    const { token } = await invite(founder.client, orgId, heir.email, 'operator')
    await heir.client.rpc('accept_invitation', { _token: token })

    const demoteSelf = await founder.client.from('organization_members').update({ role: 'viewer' }).eq('organization_id', orgId).eq('user_id', founder.id)
    expect(demoteSelf.error?.message).toBe('the owner of an organization stays its admin: transfer ownership first')
    expect((await heir.client.rpc('transfer_organization', { _organization_id: orgId, _new_owner: heir.id })).error?.message)
      .toBe('only the owner can transfer an organization')
    expect((await founder.client.rpc('transfer_organization', { _organization_id: orgId, _new_owner: heir.id })).error).toBeNull()
    expect(await roleOf(orgId, heir.id)).toBe('admin')
    expect((await sql(stack, 'select owner_id from public.organizations where id = $1', [orgId]))[0].owner_id).toBe(heir.id)

    expect((await founder.client.from('organizations').delete().eq('id', orgId)).error).toBeNull()
    expect(await sql(stack, 'select id from public.organizations where id = $1', [orgId])).toHaveLength(1)
    expect((await heir.client.from('organizations').delete().eq('id', orgId)).error).toBeNull()
    expect(await sql(stack, 'select id from public.organizations where id = $1', [orgId])).toEqual([])
  })
})

describe('deleting an organization with history', () => {
  it('takes its projects, environments, runs, approvals and deployments with it, and nothing of another organization', async () => {
    const counts = async (org: string) => (await sql(stack, `select
      (select count(*)::int from public.executions x join public.projects p on p.id = x.project_id where p.organization_id = $1) as runs,
      (select count(*)::int from public.deployments d join public.projects p on p.id = d.project_id where p.organization_id = $1) as deployments,
      (select count(*)::int from public.environments e join public.projects p on p.id = e.project_id where p.organization_id = $1) as environments`, [org]))[0]
    const acmeBefore = await counts(DEMO.acme)
    expect((await counts(DEMO.globex)).environments).toBeGreaterThan(0)
    // Give Globex a run, an approval request and a deployment in its dev, as the engine would.
    const [{ id: env }] = await sql(stack, `select e.id from public.environments e join public.projects p on p.id = e.project_id
      where p.organization_id = $1 and e.key = 'dev'`, [DEMO.globex])
    const [{ id: project }] = await sql(stack, 'select project_id as id from public.environments where id = $1', [env])
    const [{ id: run }] = await sql(stack, `insert into public.executions (project_id, name, status, environment_id, version)
      values ($1, 'history', 'success', $2, '1.0.0') returning id`, [project, env])
    await sql(stack, `insert into public.approval_requests (execution_id, project_id, node_id, environment_id, title, required_approvals)
      values ($1, $2, 'gate', $3, 'Release 1.0.0', 1)`, [run, project, env])
    await sql(stack, `insert into public.deployments (project_id, environment_id, execution_id, version, status, finished_at)
      values ($1, $2, $3, '1.0.0', 'success', now())`, [project, env, run])

    const owner = await signIn(stack, 'globex@opzenix.dev')
    expect((await owner.from('organizations').delete().eq('id', DEMO.globex)).error).toBeNull()
    expect(await sql(stack, 'select id from public.organizations where id = $1', [DEMO.globex])).toEqual([])
    expect(await counts(DEMO.globex)).toEqual({ runs: 0, deployments: 0, environments: 0 })
    expect(await counts(DEMO.acme)).toEqual(acmeBefore)
  })
})

describe('teams', () => {
  it('groups members only, and a member who leaves the organization leaves its teams', async () => {
    const founder = await signUp('founder')
    const orgId = await createOrganization(founder.client, founder.id)
    const engineer = await signUp('engineer')
    const outsider = await signUp('outsider')
    const { token } = await invite(founder.client, orgId, engineer.email, 'operator')
    await engineer.client.rpc('accept_invitation', { _token: token })

    const { data: team } = await founder.client.from('teams').insert({ organization_id: orgId, name: 'Security' }).select('id').single()
    expect((await founder.client.from('team_members').insert({ team_id: team!.id, organization_id: orgId, user_id: engineer.id })).error).toBeNull()
    expect((await founder.client.from('team_members').insert({ team_id: team!.id, organization_id: orgId, user_id: outsider.id })).error?.code).toBe('23503')
    expect((await engineer.client.from('teams').insert({ organization_id: orgId, name: 'Shadow' })).error?.code).toBe('42501')

    await founder.client.from('organization_members').delete().eq('organization_id', orgId).eq('user_id', engineer.id)
    expect((await founder.client.from('team_members').select('user_id').eq('team_id', team!.id)).data).toEqual([])
  })
})
