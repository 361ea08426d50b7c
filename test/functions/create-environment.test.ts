import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'

let stack: TestStack
let as: Clients
const TABLES = ['environments', 'audit_logs']
const GLOBEX_PROJECT = '20000000-0000-4000-a000-000000000002'

const keys = async (projectId: string = DEMO.project) =>
  (await sql(stack, 'select key from public.environments where project_id = $1 and archived_at is null order by position', [projectId])).map((e) => e.key)
const qa = { project_id: DEMO.project, key: 'qa', display_name: 'Quality assurance', tier: 'testing', position: 1, required_approvals: 1, deploy_strategy: 'canary' }

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('create-environment', () => {
  it('lets an admin add qa between dev and uat: 201 with the environment and the new chain', async () => {
    const reply = await invoke(as.admin, 'create-environment', qa)
    expect(reply.status).toBe(201)
    expect(reply.body.environment).toMatchObject({ key: 'qa', display_name: 'Quality assurance', tier: 'testing', position: 1, required_approvals: 1, deploy_strategy: 'canary', archived_at: null })
    expect(reply.body.chain.map((e: { key: string }) => e.key)).toEqual(['dev', 'qa', 'uat', 'staging', 'preprod', 'prod'])
    expect(reply.body.chain.map((e: { position: number }) => e.position)).toEqual([0, 1, 2, 3, 4, 5])
    expect(await keys()).toEqual(['dev', 'qa', 'uat', 'staging', 'preprod', 'prod'])
  })

  it('refuses operators and viewers (403 with the sentence), other organizations (404) and anonymous callers (401)', async () => {
    const before = await counts(stack, TABLES)
    const body = { ...qa, key: 'perf', position: 0 }
    const operator = await invoke(as.operator, 'create-environment', body)
    expectError(operator, 403, 'forbidden')
    expect(operator.body.error.message).toBe('only an admin of this project can add environments')
    expectError(await invoke(as.viewer, 'create-environment', body), 403, 'forbidden')
    expectError(await invoke(as.globex, 'create-environment', body), 404, 'not_found')
    expectError(await invoke(as.anon, 'create-environment', body), 401, 'unauthorized')
    expect(await counts(stack, TABLES)).toEqual(before)
    // Globex's admin manages their own project.
    const own = await invoke(as.globex, 'create-environment', { project_id: GLOBEX_PROJECT, key: 'staging', display_name: 'Staging', tier: 'staging', position: 1 })
    expect(own.status).toBe(201)
    expect(await keys(GLOBEX_PROJECT)).toEqual(['dev', 'staging', 'prod'])
  })

  it('answers bad input with 400 in the one error shape and changes nothing', async () => {
    const before = await counts(stack, TABLES)
    const bad: unknown[] = [
      {},
      { ...qa, key: 'perf', position: 99 },
      { ...qa, key: 'perf', position: -1 },
      { ...qa, key: 'perf', position: 1.5 },
      { ...qa, key: 'perf', position: '1' },
      { ...qa, key: 'Perf Env' },
      { ...qa, key: 'perf', tier: 'moon' },
      { ...qa, key: 'perf', required_approvals: 51 },
      { ...qa, key: 'perf', deploy_strategy: 'yolo' },
      { ...qa, key: 'perf', display_name: '   ' },
      { ...qa, key: 'perf', project_id: 'payments-api' },
      { ...qa, key: 'perf', surprise: true },
      { ...qa, key: 'perf', tier: 'production', operators_edit_config: true },
    ]
    for (const body of bad) expectError(await invoke(as.admin, 'create-environment', body), 400, 'invalid_input')
    const far = await invoke(as.admin, 'create-environment', { ...qa, key: 'perf', position: 99 })
    expect(far.body.error.message).toBe('position 99 does not exist: payments-api has 6 environments, so choose 0 to 6')
    expectError(await rawPost(stack, as.admin, 'create-environment', 'key=perf', 'text/plain'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.admin, 'create-environment', '{"key":', 'application/json'), 400, 'invalid_input')
    expectError(await invoke(as.admin, 'create-environment', { ...qa, key: 'perf', project_id: '00000000-0000-4000-a000-00000000beef' }), 404, 'not_found')
    expectError(await invoke(as.admin, 'create-environment', qa), 409, 'conflict')
    expectError(await invoke(as.admin, 'create-environment/nowhere', qa), 404, 'not_found')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('moves an environment (POST /move), admins only, and refuses a position that does not exist', async () => {
    const [{ id }] = await sql(stack, `select id from public.environments where project_id = $1 and key = 'qa'`, [DEMO.project])
    const before = await counts(stack, TABLES)
    expectError(await invoke(as.operator, 'create-environment/move', { environment_id: id, position: 3 }), 403, 'forbidden')
    expectError(await invoke(as.viewer, 'create-environment/move', { environment_id: id, position: 3 }), 403, 'forbidden')
    expectError(await invoke(as.globex, 'create-environment/move', { environment_id: id, position: 3 }), 404, 'not_found')
    expectError(await invoke(as.anon, 'create-environment/move', { environment_id: id, position: 3 }), 401, 'unauthorized')
    const far = await invoke(as.admin, 'create-environment/move', { environment_id: id, position: 6 })
    expectError(far, 400, 'invalid_input')
    expect(far.body.error.message).toBe('position 6 does not exist: the chain has 6 environments, so choose 0 to 5')
    expectError(await invoke(as.admin, 'create-environment/move', { environment_id: id, position: 'last' }), 400, 'invalid_input')
    expectError(await invoke(as.admin, 'create-environment/move', { environment_id: '00000000-0000-4000-a000-00000000beef', position: 0 }), 404, 'not_found')
    expect(await counts(stack, TABLES)).toEqual(before)

    const moved = await invoke(as.admin, 'create-environment/move', { environment_id: id, position: 3 })
    expect(moved.status).toBe(200)
    expect(moved.body.environment.position).toBe(3)
    expect(moved.body.chain.map((e: { key: string }) => e.key)).toEqual(['dev', 'uat', 'staging', 'qa', 'preprod', 'prod'])
  })

  it('archives (POST /archive) instead of deleting an environment with history, and restores it (POST /restore)', async () => {
    const [{ id }] = await sql(stack, `select id from public.environments where project_id = $1 and key = 'qa'`, [DEMO.project])
    // qa needs an approval to deploy, so its history here is a run that targeted it.
    await sql(stack, `insert into public.executions (project_id, name, environment_id, status) values ($1, 'qa smoke', $2, 'success')`, [DEMO.project, id])
    expectError(await invoke(as.operator, 'create-environment/archive', { environment_id: id }), 403, 'forbidden')
    expectError(await invoke(as.globex, 'create-environment/archive', { environment_id: id }), 404, 'not_found')
    expectError(await invoke(as.admin, 'create-environment/archive', { environment_id: id, reason: 7 }), 400, 'invalid_input')

    const archived = await invoke(as.admin, 'create-environment/archive', { environment_id: id, reason: 'Replaced by previews' })
    expect(archived.status).toBe(200)
    expect(archived.body.environment).toMatchObject({ key: 'qa', archive_reason: 'Replaced by previews', archived_by: DEMO.users.admin })
    expect(archived.body.chain.at(-1)).toMatchObject({ key: 'qa', position: 5 })
    expect(archived.body.chain.at(-1).archived_at).not.toBeNull()
    expect(await keys()).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    expectError(await invoke(as.admin, 'create-environment/archive', { environment_id: id }), 409, 'conflict')
    const history = await sql(stack, 'select name from public.executions where environment_id = $1', [id])
    expect(history).toEqual([{ name: 'qa smoke' }])
    const deleted = await as.admin.from('environments').delete().eq('id', id)
    expect(deleted.error?.message).toMatch(/has deployments or runs, so it is archived, never deleted/)

    expectError(await invoke(as.viewer, 'create-environment/restore', { environment_id: id }), 403, 'forbidden')
    const restored = await invoke(as.admin, 'create-environment/restore', { environment_id: id })
    expect(restored.status).toBe(200)
    expect(restored.body.environment).toMatchObject({ archived_at: null, position: 5 })
    expectError(await invoke(as.admin, 'create-environment/restore', { environment_id: id }), 409, 'conflict')
  })
})
