import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'

let stack: TestStack
let as: Clients
const TABLES = ['environment_config_versions', 'environment_configs', 'secret_references', 'audit_logs']
const FN = 'update-environment-config'

const latest = async (environmentId: string) =>
  (await sql(stack, 'select * from public.environment_config_versions where environment_id = $1 order by version desc limit 1', [environmentId]))[0]

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('update-environment-config: saving', () => {
  it('saves variables and secret references as a new version and answers with the diff from the previous one', async () => {
    const before = await latest(DEMO.env.dev)
    const reply = await invoke(as.operator, FN, {
      environment_id: DEMO.env.dev,
      variables: { ...before.variables, LOG_LEVEL: 'info', TIMEOUT_MS: 2500 },
      secrets: [...before.secrets, { name: 'SENTRY_DSN', provider: 'edge_function_secret', key: 'SENTRY_DSN' }],
      reason: 'Longer timeout for the PSP sandbox',
      base_version: before.version,
    })
    expect(reply.status).toBe(201)
    expect(reply.body.version).toMatchObject({ version: before.version + 1, created_by: DEMO.users.operator, reason: 'Longer timeout for the PSP sandbox', base_version: before.version })
    expect(reply.body.changes).toEqual([
      { kind: 'changed', section: 'variables', name: 'LOG_LEVEL', before: 'debug', after: 'info' },
      { kind: 'added', section: 'variables', name: 'TIMEOUT_MS', after: 2500 },
      { kind: 'added', section: 'secrets', name: 'SENTRY_DSN', after: { provider: 'edge_function_secret', key: 'SENTRY_DSN' } },
    ])
    const [config] = await sql(stack, 'select version, secrets_ref from public.environment_configs where environment_id = $1', [DEMO.env.dev])
    expect(config.version).toBe(before.version + 1)
    expect(config.secrets_ref).toContain('SENTRY_DSN')
  })

  it('refuses a secret-looking variable with the sentence, naming every offender, and stores nothing', async () => {
    const before = await counts(stack, TABLES)
    const reply = await invoke(as.admin, FN, {
      environment_id: DEMO.env.dev, reason: 'Add GitHub access',
      variables: { LOG_LEVEL: 'info', GITHUB: 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr', DB_PASSWORD: 'hunter2' },
    })
    expectError(reply, 400, 'invalid_input')
    expect(reply.body.error.message).toBe('Variable DB_PASSWORD looks like a secret (its name says it holds one). Use a secret reference instead: keep the value in a secret provider and reference it by provider and key.')
    expect(reply.body.error.details.map((d: { path: string }) => d.path)).toEqual(['variables.DB_PASSWORD', 'variables.GITHUB'])
    expect(JSON.stringify(reply.body)).not.toContain('ghp_0123')
    expect(JSON.stringify(reply.body)).not.toContain('hunter2')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('lets operators edit development and testing tiers, admins everything, and refuses the rest with a sentence', async () => {
    const body = (environment_id: string) => ({ environment_id, variables: { LOG_LEVEL: 'warn', REPLICAS: 4 }, reason: 'Role check edit' })
    const before = await counts(stack, TABLES)
    const operator = await invoke(as.operator, FN, body(DEMO.env.prod))
    expectError(operator, 403, 'forbidden')
    expect(operator.body.error.message).toBe('Only an admin can change the configuration of prod (a production environment); operators may edit development and testing environments')
    const viewer = await invoke(as.viewer, FN, body(DEMO.env.dev))
    expectError(viewer, 403, 'forbidden')
    expect(viewer.body.error.message).toBe('Only operators and admins can change the configuration of dev (you are a viewer)')
    expectError(await invoke(as.globex, FN, body(DEMO.env.dev)), 404, 'not_found')
    expectError(await invoke(as.anon, FN, body(DEMO.env.dev)), 401, 'unauthorized')
    expect(await counts(stack, TABLES)).toEqual(before)
    expect((await invoke(as.operator, FN, body(DEMO.env.uat))).status).toBe(201)
    expect((await invoke(as.admin, FN, body(DEMO.env.prod))).status).toBe(201)
  })

  it('answers bad input with 400 (or 404 for an unknown environment) and stores nothing', async () => {
    const before = await counts(stack, TABLES)
    const ok = { environment_id: DEMO.env.dev, variables: { A: 'b' }, reason: 'A fine reason' }
    const bad: unknown[] = [
      {},
      { ...ok, reason: 'no' },
      { ...ok, variables: [] },
      { ...ok, variables: { A: { nested: true } } },
      { ...ok, variables: { A: null } },
      { ...ok, variables: { 'HAS SPACE': 'x' } },
      { ...ok, environment_id: 'dev' },
      { ...ok, secrets: [{ name: 'DB', provider: 'dropbox', key: 'db' }] },
      { ...ok, secrets: [{ name: 'DB', provider: 'supabase_vault', key: 'db', value: 'plaintext' }] },
      { ...ok, secrets: [{ name: 'A', provider: 'supabase_vault', key: 'a' }] },
      { ...ok, base_version: -1 },
      { ...ok, extra: 1 },
    ]
    for (const body of bad) expectError(await invoke(as.admin, FN, body), 400, 'invalid_input')
    expectError(await invoke(as.admin, FN, { ...ok, environment_id: '00000000-0000-4000-a000-00000000beef' }), 404, 'not_found')
    expectError(await rawPost(stack, as.admin, FN, 'A=b', 'text/plain'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.admin, FN, '{', 'application/json'), 400, 'invalid_input')
    expectError(await invoke(as.admin, `${FN}/elsewhere`, ok), 404, 'not_found')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('refuses a save based on a version that is no longer current (a retry or a concurrent edit): 409', async () => {
    const current = await latest(DEMO.env.uat)
    const body = { environment_id: DEMO.env.uat, variables: { ...current.variables, RETRY: 1 }, reason: 'Saved twice by a retry', base_version: current.version }
    expect((await invoke(as.operator, FN, body)).status).toBe(201)
    const again = await invoke(as.operator, FN, body)
    expectError(again, 409, 'conflict')
    expect(again.body.error.message).toMatch(/changed meanwhile: you edited version \d+, the current one is \d+/)
  })
})

describe('update-environment-config: restore and diff', () => {
  it('restores an earlier version as a new version (POST /restore)', async () => {
    const current = await latest(DEMO.env.dev)
    const reply = await invoke(as.operator, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 1, reason: 'Back to the seeded settings', base_version: current.version })
    expect(reply.status).toBe(201)
    expect(reply.body.version).toMatchObject({ version: current.version + 1, restored_from: 1 })
    const [v1] = await sql(stack, 'select variables, secrets from public.environment_config_versions where environment_id = $1 and version = 1', [DEMO.env.dev])
    expect(reply.body.version.variables).toEqual(v1.variables)
    expect(reply.body.version.secrets).toEqual(v1.secrets)
    expect(reply.body.changes.length).toBeGreaterThan(0)

    const before = await counts(stack, TABLES)
    expectError(await invoke(as.viewer, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 1, reason: 'Viewer tries' }), 403, 'forbidden')
    expectError(await invoke(as.globex, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 1, reason: 'Outsider tries' }), 404, 'not_found')
    expectError(await invoke(as.anon, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 1, reason: 'Anon tries' }), 401, 'unauthorized')
    expectError(await invoke(as.operator, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 999, reason: 'No such one' }), 404, 'not_found')
    expectError(await invoke(as.operator, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 0, reason: 'Zero' }), 400, 'invalid_input')
    expectError(await invoke(as.operator, `${FN}/restore`, { environment_id: DEMO.env.dev, version: 1, reason: 'Same as now' }), 409, 'conflict')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('diffs any two versions for any member (POST /diff), version 0 being the empty configuration', async () => {
    const reply = await invoke(as.viewer, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 1, to: 2 })
    expect(reply.status).toBe(200)
    expect(reply.body.changes).toContainEqual({ kind: 'changed', section: 'variables', name: 'LOG_LEVEL', before: 'debug', after: 'info' })
    const back = await invoke(as.viewer, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 2, to: 1 })
    expect(back.body.changes).toContainEqual({ kind: 'changed', section: 'variables', name: 'LOG_LEVEL', before: 'info', after: 'debug' })
    const fromEmpty = await invoke(as.viewer, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 0, to: 1 })
    expect(fromEmpty.body.changes.every((c: { kind: string }) => c.kind === 'added')).toBe(true)
    expectError(await invoke(as.viewer, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 1, to: 999 }), 404, 'not_found')
    expectError(await invoke(as.viewer, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 'v1', to: 2 }), 400, 'invalid_input')
    expectError(await invoke(as.globex, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 1, to: 2 }), 404, 'not_found')
    expectError(await invoke(as.anon, `${FN}/diff`, { environment_id: DEMO.env.dev, from: 1, to: 2 }), 401, 'unauthorized')
  })
})
