import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'

// Pipeline version history (issue 13): every save of flow_templates is a version written by a trigger, under RLS,
// and restore_flow_template_version saves an earlier graph again as a new, audited version.

let stack: TestStack
let anon: Client, viewer: Client, operator: Client, admin: Client, globex: Client
let n = 0
const uniq = (label: string) => `${label} ${process.pid}-${++n}`

const graph = (...ids: string[]) => ({
  nodes: ids.map((id, i) => ({ id, type: 'build', position: { x: i * 240, y: 0 }, data: { label: id, config: {} } })),
  edges: ids.slice(1).map((id, i) => ({ id: `${ids[i]}->${id}`, source: ids[i], target: id, data: { on: 'success' } })),
})

/** What save-pipeline.ts does for an existing pipeline: the optimistic lock on version, plus the message. */
async function save(client: Client, id: string, version: number, change: Record<string, unknown>, message?: string) {
  return client.from('flow_templates').update({ ...change, version: version + 1, save_message: message })
    .eq('id', id).eq('version', version).select('id, version, save_message').maybeSingle()
}

async function create(client: Client, message?: string) {
  const { data, error } = await client.from('flow_templates')
    .insert({ project_id: DEMO.project, name: uniq('history'), type: 'cicd', ...graph('src', 'build'), created_by: DEMO.users.operator, save_message: message })
    .select('id, version, save_message').single()
  if (error) throw error
  return data
}

const versions = async (client: Client, id: string) => {
  const { data, error } = await client.from('flow_template_versions')
    .select('version, name, nodes, edges, message, restored_from, created_by').eq('flow_template_id', id).order('version', { ascending: false })
  if (error) throw error
  return data
}

beforeAll(async () => {
  stack = await startProjectStack()
  anon = stack.anon()
  ;[viewer, operator, admin, globex] = await Promise.all([
    signIn(stack, 'viewer@opzenix.dev'), signIn(stack, 'operator@opzenix.dev'),
    signIn(stack, 'admin@opzenix.dev'), signIn(stack, 'globex@opzenix.dev'),
  ])
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('every save is a version', () => {
  it('records the first save and each later one with its author and message, newest first; the message is not kept on the pipeline', async () => {
    const created = await create(operator, 'First cut')
    expect(created.version).toBe(1)
    expect((await operator.from('flow_templates').select('save_message').eq('id', created.id).single()).data).toEqual({ save_message: null })

    const second = await save(operator, created.id, 1, graph('src', 'build', 'test'), '  Add tests  ')
    expect(second.error).toBeNull()
    expect(second.data).toMatchObject({ version: 2, save_message: null })
    const third = await save(admin, created.id, 2, { name: `${uniq('renamed')}` })
    expect(third.data?.version).toBe(3)

    const history = await versions(viewer, created.id)
    expect(history.map((v) => [v.version, v.message, v.created_by])).toEqual([
      [3, null, DEMO.users.admin],
      [2, 'Add tests', DEMO.users.operator],
      [1, 'First cut', DEMO.users.operator],
    ])
    expect((history[1].nodes as Array<{ id: string }>).map((node) => node.id)).toEqual(['src', 'build', 'test'])
    expect((history[2].nodes as Array<{ id: string }>).map((node) => node.id)).toEqual(['src', 'build'])
    const [stored] = await sql(stack, 'select save_message from public.flow_templates where id = $1', [created.id])
    expect(stored.save_message).toBeNull()
  })

  it('keeps the optimistic lock: a stale save changes nothing and adds no version', async () => {
    const created = await create(operator)
    expect((await save(operator, created.id, 1, graph('a', 'b', 'c'))).data?.version).toBe(2)
    const stale = await save(admin, created.id, 1, graph('x'), 'Lost update')
    expect(stale.error).toBeNull()
    expect(stale.data).toBeNull()
    expect((await versions(operator, created.id)).map((v) => v.version)).toEqual([2, 1])
  })

  it('adds no version for a change outside the graph, and numbers a graph change that forgot to bump the version', async () => {
    const created = await create(operator)
    await operator.from('flow_templates').update({ description: 'only words' }).eq('id', created.id)
    expect((await versions(operator, created.id)).length).toBe(1)
    // A write that skips the builder (here the service role) cannot skip the history or reuse a number.
    await stack.service().from('flow_templates').update({ ...graph('src', 'deploy') }).eq('id', created.id)
    const history = await versions(operator, created.id)
    expect(history.map((v) => [v.version, v.created_by])).toEqual([[2, null], [1, DEMO.users.operator]])
    const [row] = await sql(stack, 'select version from public.flow_templates where id = $1', [created.id])
    expect(row.version).toBe(2)
  })
})

describe('who reads and writes history', () => {
  it('lets members read a pipeline\'s history and nobody else, and nobody write it directly', async () => {
    const created = await create(operator, 'Private to Acme')
    expect((await versions(viewer, created.id)).length).toBe(1)
    expect((await versions(globex, created.id)).length).toBe(0)
    expect((await anon.from('flow_template_versions').select('id').eq('flow_template_id', created.id)).data ?? []).toEqual([])

    for (const client of [operator, admin]) {
      const forged = await client.from('flow_template_versions').insert({
        flow_template_id: created.id, project_id: DEMO.project, version: 9, name: 'forged', type: 'cicd', nodes: [], edges: [],
      })
      expect(forged.error?.code).toBe('42501')
      await client.from('flow_template_versions').update({ message: 'rewritten' }).eq('flow_template_id', created.id)
      await client.from('flow_template_versions').delete().eq('flow_template_id', created.id)
    }
    expect((await versions(viewer, created.id)).map((v) => [v.version, v.message])).toEqual([[1, 'Private to Acme']])
    // Not even the database owner rewrites history.
    await expect(sql(stack, `update public.flow_template_versions set message = 'x' where flow_template_id = $1`, [created.id])).rejects.toThrow(/append-only/)
  })

  it('keeps a version when its author\'s account is deleted, without the author; nobody else can clear an author', async () => {
    const created = await create(operator)
    const [author] = await sql(stack, `insert into auth.users (id, email, aud, role) values (gen_random_uuid(), $1, 'authenticated', 'authenticated') returning id`, [`leaver-${process.pid}@example.test`])
    await sql(stack, `update public.flow_templates set nodes = '[]'::jsonb where id = $1`, [created.id])
    await expect(sql(stack, `update public.flow_template_versions set created_by = $2 where flow_template_id = $1 and version = 2`, [created.id, author.id]))
      .rejects.toThrow(/append-only/)
    // The owner cannot hand a version to someone else, nor clear the author of a living account.
    expect((await versions(operator, created.id)).map((v) => v.created_by)).toEqual([null, DEMO.users.operator])
    await expect(sql(stack, `update public.flow_template_versions set created_by = null where flow_template_id = $1 and version = 1`, [created.id])).rejects.toThrow(/append-only/)

    const saved = await sql(stack, `insert into public.flow_templates (project_id, name, created_by) values ($1, $2, $3) returning id`, [DEMO.project, uniq('by a leaver'), author.id])
    expect((await versions(operator, saved[0].id)).map((v) => v.created_by)).toEqual([author.id])
    await sql(stack, 'delete from auth.users where id = $1', [author.id])
    expect((await versions(operator, saved[0].id)).map((v) => [v.version, v.created_by])).toEqual([[1, null]])
  })

  it('takes a pipeline\'s history with it when the pipeline is deleted', async () => {
    const created = await create(operator)
    await save(operator, created.id, 1, graph('only'))
    const { error } = await admin.from('flow_templates').delete().eq('id', created.id)
    expect(error).toBeNull()
    const [left] = await sql(stack, 'select count(*)::int as n from public.flow_template_versions where flow_template_id = $1', [created.id])
    expect(left.n).toBe(0)
  })
})

describe('restore', () => {
  it('saves an earlier version again as a new version that says what it restored, audited', async () => {
    const created = await create(operator, 'Two stages')
    await save(operator, created.id, 1, graph('src', 'build', 'test', 'deploy'), 'Four stages')

    const refused = await viewer.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1, _expected_version: 2 })
    expect(refused.error?.code).toBe('42501')
    expect(refused.error?.message).toBe('Only operators and admins can restore a version of this pipeline')
    const stale = await operator.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1, _expected_version: 1 })
    expect(stale.error?.code).toBe('PT409')
    expect(stale.error?.message).toMatch(/Someone else saved .* since you opened it/)
    const missing = await operator.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 7 })
    expect(missing.error?.code).toBe('PT404')
    const stranger = await globex.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1 })
    expect(stranger.error?.code).toBe('PT404')

    const restored = await operator.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1, _expected_version: 2 })
    expect(restored.error).toBeNull()
    expect(restored.data).toMatchObject({ id: created.id, version: 3, save_message: null })
    expect((restored.data!.nodes as Array<{ id: string }>).map((node) => node.id)).toEqual(['src', 'build'])

    const history = await versions(viewer, created.id)
    expect(history.map((v) => [v.version, v.message, v.restored_from, v.created_by])).toEqual([
      [3, 'Restored version 1', 1, DEMO.users.operator],
      [2, 'Four stages', null, DEMO.users.operator],
      [1, 'Two stages', null, DEMO.users.operator],
    ])
    expect(history[0].nodes).toEqual(history[2].nodes)

    // Restoring what is already current is refused rather than recorded twice.
    const again = await operator.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1, _expected_version: 3 })
    expect(again.error?.code).toBe('PT409')
    expect(again.error?.message).toMatch(/Nothing to restore/)

    const { data: audit, error } = await admin.from('audit_logs').select('action, user_id, project_id, after')
      .eq('resource_type', 'flow_template_versions').eq('after->>flow_template_id', created.id).order('id')
    expect(error).toBeNull()
    expect(audit!.map((a) => [a.action, a.user_id, (a.after as { version: number }).version, (a.after as { restored_from: number | null }).restored_from]))
      .toEqual([['insert', DEMO.users.operator, 1, null], ['insert', DEMO.users.operator, 2, null], ['insert', DEMO.users.operator, 3, 1]])
    expect((await admin.rpc('verify_audit_chain')).data).toBeNull()
  })

  it('takes the caller\'s message for the restore', async () => {
    const created = await create(operator)
    await save(operator, created.id, 1, graph('x', 'y', 'z'))
    const restored = await admin.rpc('restore_flow_template_version', { _flow_template_id: created.id, _version: 1, _message: 'Back to the short one' })
    expect(restored.error).toBeNull()
    expect((await versions(operator, created.id))[0]).toMatchObject({ version: 3, message: 'Back to the short one', restored_from: 1, created_by: DEMO.users.admin })
  })
})

describe('the seed', () => {
  it('gives every seeded pipeline its first version', async () => {
    const [row] = await sql(stack, `select count(*)::int as missing from public.flow_templates f
      where not exists (select 1 from public.flow_template_versions v where v.flow_template_id = f.id and v.version = f.version)`)
    expect(row.missing).toBe(0)
  })
})
