import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from './demo.ts'
import { VARIABLE_CASES } from '../../supabase/functions/_shared/environments/secret-cases.ts'
import { secretReferenceRefusal, variableRefusal } from '../../supabase/functions/_shared/environments/secrets.ts'
import { diffConfigs, type ConfigSnapshot } from '../../supabase/functions/_shared/environments/diff.ts'

// Environments and their configuration as the database keeps them (migrations 20261204001000 and …001010):
// the chain's order, archiving instead of deleting, and configuration versions with secret detection.
let stack: TestStack
const as = {} as Record<'admin' | 'operator' | 'viewer' | 'globex', Client>

const chain = async (projectId: string = DEMO.project) =>
  (await sql(stack, 'select key, position, archived_at is not null as archived from public.environments where project_id = $1 order by position', [projectId]))
const keys = async (projectId: string = DEMO.project) => (await chain(projectId)).filter((e) => !e.archived).map((e) => e.key)
const envId = async (key: string) => (await sql(stack, 'select id from public.environments where project_id = $1 and key = $2', [DEMO.project, key]))[0].id as string
const versions = async (environmentId: string) =>
  sql(stack, 'select * from public.environment_config_versions where environment_id = $1 order by version', [environmentId])
const create = (client: Client, key: string, position: number | null, tier = 'testing') =>
  client.rpc('create_environment', { _project_id: DEMO.project, _key: key, _display_name: key.toUpperCase(), _tier: tier, _position: position })

beforeAll(async () => {
  stack = await startProjectStack()
  for (const role of ['admin', 'operator', 'viewer', 'globex'] as const) as[role] = await signIn(stack, `${role}@opzenix.dev`)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('the promotion chain', () => {
  it('adds an environment at a position and moves the later ones one place on', async () => {
    const { data, error } = await create(as.admin, 'qa', 1)
    expect(error).toBeNull()
    expect(data).toMatchObject({ key: 'qa', display_name: 'QA', tier: 'testing', position: 1, archived_at: null, required_approvals: 0 })
    expect(await keys()).toEqual(['dev', 'qa', 'uat', 'staging', 'preprod', 'prod'])
    expect((await chain()).map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5])
    const audit = await sql(stack, `select user_id from public.audit_logs where resource_type = 'environments' and action = 'insert' and resource_id = $1`, [data.id])
    expect(audit).toEqual([{ user_id: DEMO.users.admin }])
  })

  it('appends when no position is given, and refuses a position that does not exist, changing nothing', async () => {
    const before = await chain()
    const far = await create(as.admin, 'far', 99)
    expect(far.error?.code).toBe('22023')
    expect(far.error?.message).toBe('position 99 does not exist: payments-api has 6 environments, so choose 0 to 6')
    expect((await create(as.admin, 'neg', -1)).error?.code).toBe('22023')
    expect(await chain()).toEqual(before)
    const { data } = await create(as.admin, 'sandbox', null, 'development')
    expect(data.position).toBe(6)
    expect(await keys()).toEqual(['dev', 'qa', 'uat', 'staging', 'preprod', 'prod', 'sandbox'])
  })

  it('refuses operators, viewers and other organizations with a sentence, and a key already taken', async () => {
    const before = await chain()
    const operator = await create(as.operator, 'op', 0)
    expect(operator.error).toMatchObject({ code: '42501', message: 'only an admin of this project can add environments' })
    expect((await create(as.viewer, 'vw', 0)).error?.code).toBe('42501')
    expect((await create(as.globex, 'gx', 0)).error).toMatchObject({ code: 'PT404' })
    expect((await create(as.admin, 'qa', 0)).error).toMatchObject({ code: 'PT409', message: 'project payments-api already has an environment "qa" (archived ones keep their key)' })
    expect((await create(as.admin, 'Bad Key', 0)).error?.code).toBe('22023')
    expect((await stack.anon().rpc('create_environment', { _project_id: DEMO.project, _key: 'anon', _display_name: 'A', _tier: 'testing' })).error).not.toBeNull()
    expect(await chain()).toEqual(before)
  })

  it('moves an environment, the others closing up around it', async () => {
    const qa = await envId('qa')
    const { data, error } = await as.admin.rpc('move_environment', { _environment_id: qa, _position: 3 })
    expect(error).toBeNull()
    expect(data.position).toBe(3)
    expect(await keys()).toEqual(['dev', 'uat', 'staging', 'qa', 'preprod', 'prod', 'sandbox'])
    expect((await as.admin.rpc('move_environment', { _environment_id: qa, _position: 7 })).error?.code).toBe('22023')
    expect((await as.operator.rpc('move_environment', { _environment_id: qa, _position: 0 })).error?.code).toBe('42501')
    await as.admin.rpc('move_environment', { _environment_id: qa, _position: 1 })
    expect(await keys()).toEqual(['dev', 'qa', 'uat', 'staging', 'preprod', 'prod', 'sandbox'])
  })
})

describe('archiving keeps history', () => {
  let qa = ''
  let deploymentId = ''

  beforeAll(async () => {
    qa = await envId('qa')
    const { data, error } = await as.operator.from('deployments')
      .insert({ project_id: DEMO.project, environment_id: qa, version: '1.0.0-qa', deployed_by: DEMO.users.operator, status: 'success' })
      .select('id').single()
    expect(error).toBeNull()
    deploymentId = data!.id
  })

  it('refuses deleting an environment that has deployments, with a sentence, whoever asks', async () => {
    const { error } = await as.admin.from('environments').delete().eq('id', qa)
    expect(error?.message).toBe('environment qa has deployments or runs, so it is archived, never deleted: archive it to keep its history')
    await expect(sql(stack, 'delete from public.environments where id = $1', [qa])).rejects.toThrow(/archived, never deleted/)
    expect(await envId('qa')).toBe(qa)
  })

  it('still deletes an environment that never deployed', async () => {
    const sandbox = await envId('sandbox')
    expect((await as.admin.from('environments').delete().eq('id', sandbox)).error).toBeNull()
    expect(await sql(stack, 'select 1 from public.environments where id = $1', [sandbox])).toEqual([])
  })

  it('archives: out of the chain, every deployment still readable, who and why recorded', async () => {
    const { data, error } = await as.admin.rpc('archive_environment', { _environment_id: qa, _reason: '  QA moved to ephemeral previews ' })
    expect(error).toBeNull()
    expect(data).toMatchObject({ archived_by: DEMO.users.admin, archive_reason: 'QA moved to ephemeral previews' })
    expect(await keys()).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    expect((await chain()).at(-1)).toMatchObject({ key: 'qa', archived: true, position: 5 })
    const { data: history } = await as.viewer.from('deployments').select('id, version').eq('environment_id', qa)
    expect(history).toEqual([{ id: deploymentId, version: '1.0.0-qa' }])
    expect((await as.admin.rpc('archive_environment', { _environment_id: qa })).error?.code).toBe('PT409')
    expect((await as.admin.rpc('move_environment', { _environment_id: qa, _position: 0 })).error?.message).toMatch(/is archived, so it has no place in the chain/)
  })

  it('refuses new deployments and runs into an archived environment, through the API and the engine', async () => {
    const deploy = await as.operator.from('deployments')
      .insert({ project_id: DEMO.project, environment_id: qa, version: '1.0.1-qa', deployed_by: DEMO.users.operator })
    expect(deploy.error).toMatchObject({ code: '23514', message: 'environment qa is archived, so it takes no new deployments or runs; an admin can restore it on the Environments page' })
    const run = await as.operator.from('executions').insert({ project_id: DEMO.project, name: 'to qa', environment_id: qa, started_by: DEMO.users.operator })
    expect(run.error?.message).toMatch(/environment qa is archived/)
    await expect(sql(stack, `insert into public.deployments (project_id, environment_id, version) values ($1, $2, 'engine')`, [DEMO.project, qa]))
      .rejects.toThrow(/environment qa is archived/)
  })

  it('restores at the end of the chain, taking deployments again', async () => {
    const { data, error } = await as.admin.rpc('restore_environment', { _environment_id: qa })
    expect(error).toBeNull()
    expect(data).toMatchObject({ archived_at: null, archived_by: null, archive_reason: null, position: 5 })
    expect(await keys()).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod', 'qa'])
    const deploy = await as.operator.from('deployments')
      .insert({ project_id: DEMO.project, environment_id: qa, version: '1.0.1-qa', deployed_by: DEMO.users.operator })
    expect(deploy.error).toBeNull()
    await as.admin.rpc('move_environment', { _environment_id: qa, _position: 1 })
  })

  it('lets deleting a whole project take its environments with it, history and all', async () => {
    const [project] = await sql(stack, `insert into public.projects (organization_id, name) values ($1, 'doomed') returning id`, [DEMO.acme])
    const [env] = await sql(stack, `insert into public.environments (project_id, key, display_name, tier, position) values ($1, 'dev', 'Dev', 'development', 0) returning id`, [project.id])
    await sql(stack, `insert into public.deployments (project_id, environment_id, version) values ($1, $2, 'v1')`, [project.id, env.id])
    expect((await as.admin.from('projects').delete().eq('id', project.id)).error).toBeNull()
    expect(await sql(stack, 'select 1 from public.environments where id = $1', [env.id])).toEqual([])
  })
})

describe('configuration versions', () => {
  const save = (client: Client, environmentId: string, variables: Record<string, unknown>, reason = 'Tune the service', extra: Record<string, unknown> = {}) =>
    client.from('environment_config_versions').insert({ environment_id: environmentId, variables, reason, ...extra }).select().single()

  it('starts every seeded environment at version 1 (the seed wrote its configuration directly)', async () => {
    const [v1] = await versions(DEMO.env.dev)
    expect(v1).toMatchObject({ version: 1, created_by: null, reason: 'Initial configuration, written directly to the database', restored_from: null })
    expect(v1.variables.LOG_LEVEL).toBe('debug')
    expect(v1.secrets).toEqual([
      { name: 'DATABASE_URL_DEV', provider: 'supabase_vault', key: 'payments-api/dev/database_url' },
      { name: 'STRIPE_API_KEY_DEV', provider: 'azure_key_vault', key: 'payments-api/dev/stripe_api_key' },
    ])
  })

  it('records who, when and why, numbers versions and makes the new one current', async () => {
    const [v1] = await versions(DEMO.env.dev)
    const secrets = [{ name: 'DATABASE_URL', provider: 'supabase_vault', key: 'payments-api/dev/db' }]
    const { data, error } = await save(as.operator, DEMO.env.dev, { ...v1.variables, LOG_LEVEL: 'info' }, '  Quieter logs for the demo  ',
      { secrets, version: 42, created_by: DEMO.users.admin, project_id: DEMO.project })
    expect(error).toBeNull()
    expect(data).toMatchObject({ version: 2, created_by: DEMO.users.operator, reason: 'Quieter logs for the demo', secrets })
    expect(Date.now() - new Date(data!.created_at).getTime()).toBeLessThan(60_000)
    const [config] = await sql(stack, 'select variables, secrets_ref, version from public.environment_configs where environment_id = $1', [DEMO.env.dev])
    expect(config).toMatchObject({ version: 2, secrets_ref: ['DATABASE_URL'] })
    expect(config.variables.LOG_LEVEL).toBe('info')
    const refs = await sql(stack, 'select ref_key, provider, external_name from public.secret_references where environment_id = $1', [DEMO.env.dev])
    expect(refs).toEqual([{ ref_key: 'DATABASE_URL', provider: 'supabase_vault', external_name: 'payments-api/dev/db' }])
    const audit = await sql(stack, `select user_id from public.audit_logs where resource_type = 'environment_config_versions' and resource_id = $1`, [data!.id])
    expect(audit).toEqual([{ user_id: DEMO.users.operator }])
  })

  it('lets operators edit development and testing tiers only, viewers nowhere, with a sentence', async () => {
    const viewer = await save(as.viewer, DEMO.env.dev, { A: 1 })
    expect(viewer.error).toMatchObject({ code: '42501', message: 'Only operators and admins can change the configuration of dev (you are a viewer)' })
    const staging = await save(as.operator, DEMO.env.staging, { A: 1 })
    expect(staging.error?.message).toBe('Only an admin can change the configuration of staging (a staging environment); operators may edit development and testing environments')
    expect((await save(as.globex, DEMO.env.dev, { A: 1 })).error?.code).toBe('42501')
    expect((await save(as.admin, DEMO.env.staging, { A: 1 }, 'Admins edit staging')).error).toBeNull()
    expect((await as.operator.rpc('environment_config_refusal', { _environment_id: DEMO.env.uat })).data).toBeNull()
    expect((await as.viewer.rpc('environment_config_refusal', { _environment_id: DEMO.env.prod })).data)
      .toBe('Only an admin can change the configuration of prod (you are a viewer)')
  })

  it('follows an admin who turns operator edits off on a development environment', async () => {
    await sql(stack, 'update public.environments set operators_edit_config = false where id = $1', [DEMO.env.uat])
    try {
      expect((await save(as.operator, DEMO.env.uat, { A: 1 })).error?.message)
        .toBe('Only an admin can change the configuration of uat: an admin turned operator edits off there')
    } finally {
      await sql(stack, 'update public.environments set operators_edit_config = null where id = $1', [DEMO.env.uat])
    }
    await expect(sql(stack, 'update public.environments set operators_edit_config = true where id = $1', [DEMO.env.prod]))
      .rejects.toThrow(/environments_operator_config_tier/)
  })

  it('requires a reason, refuses a stale base version and a change that changes nothing', async () => {
    const current = (await versions(DEMO.env.dev)).at(-1)
    expect((await save(as.operator, DEMO.env.dev, { A: 1 }, 'no')).error).toMatchObject({ code: '23514', message: 'reason: say why in 5 to 500 characters' })
    const stale = await save(as.operator, DEMO.env.dev, { A: 1 }, 'Stale edit', { base_version: current.version - 1 })
    expect(stale.error).toMatchObject({ code: 'PT409' })
    expect(stale.error?.message).toBe(`the configuration of dev changed meanwhile: you edited version ${current.version - 1}, the current one is ${current.version}; reload and apply your change again`)
    const same = await save(as.operator, DEMO.env.dev, current.variables, 'Same again', { secrets: current.secrets })
    expect(same.error?.message).toBe(`nothing changed: version ${current.version} of dev already has this configuration`)
    expect((await versions(DEMO.env.dev)).at(-1).version).toBe(current.version)
  })

  it('keeps versions append-only, even for the database owner', async () => {
    const [v1] = await versions(DEMO.env.dev)
    await as.admin.from('environment_config_versions').update({ reason: 'rewritten' }).eq('id', v1.id)
    await as.admin.from('environment_config_versions').delete().eq('id', v1.id)
    await expect(sql(stack, `update public.environment_config_versions set reason = 'rewritten' where id = $1`, [v1.id]))
      .rejects.toThrow('configuration versions are append-only: restore an earlier version instead, which adds a new one')
    await expect(sql(stack, 'delete from public.environment_config_versions where id = $1', [v1.id])).rejects.toThrow(/append-only/)
    expect((await versions(DEMO.env.dev))[0]).toEqual(v1)
    // The current configuration is the latest version's: nobody writes it through the API.
    expect((await as.admin.from('environment_configs').update({ variables: {} }).eq('environment_id', DEMO.env.dev)).error?.code).toBe('42501')
    expect((await as.admin.from('environment_configs').delete().eq('environment_id', DEMO.env.dev)).error?.code).toBe('42501')
  })

  it('restores an earlier version as a new one, with its content', async () => {
    const before = await versions(DEMO.env.dev)
    const { data, error } = await as.operator.from('environment_config_versions')
      .insert({ environment_id: DEMO.env.dev, restored_from: 1, reason: 'Back to the seeded settings', variables: { IGNORED: 'x' } }).select().single()
    expect(error).toBeNull()
    expect(data).toMatchObject({ version: before.length + 1, restored_from: 1, variables: before[0].variables, secrets: before[0].secrets, created_by: DEMO.users.operator })
    expect((await versions(DEMO.env.dev)).slice(0, before.length)).toEqual(before)
    const [config] = await sql(stack, 'select variables, version from public.environment_configs where environment_id = $1', [DEMO.env.dev])
    expect(config).toEqual({ variables: before[0].variables, version: before.length + 1 })
    const missing = await as.operator.from('environment_config_versions').insert({ environment_id: DEMO.env.dev, restored_from: 999, reason: 'No such version' })
    expect(missing.error).toMatchObject({ code: 'PT404', message: 'version 999 of dev does not exist' })
  })

  it('diffs any two versions as the viewer reads them', async () => {
    const { data } = await as.viewer.from('environment_config_versions').select('version, variables, secrets')
      .eq('environment_id', DEMO.env.dev).in('version', [1, 2]).order('version')
    const [v1, v2] = data as Array<ConfigSnapshot & { version: number }>
    expect(diffConfigs(v1, v2)).toEqual([
      { kind: 'changed', section: 'variables', name: 'LOG_LEVEL', before: 'debug', after: 'info' },
      { kind: 'added', section: 'secrets', name: 'DATABASE_URL', after: { provider: 'supabase_vault', key: 'payments-api/dev/db' } },
      { kind: 'removed', section: 'secrets', name: 'DATABASE_URL_DEV', before: { provider: 'supabase_vault', key: 'payments-api/dev/database_url' } },
      { kind: 'removed', section: 'secrets', name: 'STRIPE_API_KEY_DEV', before: { provider: 'azure_key_vault', key: 'payments-api/dev/stripe_api_key' } },
    ])
  })

  it('refuses archived environments\' configuration changes', async () => {
    const qa = await envId('qa')
    await as.admin.rpc('archive_environment', { _environment_id: qa })
    try {
      expect((await save(as.admin, qa, { A: 1 }, 'While archived')).error?.message)
        .toBe('Environment qa is archived; an admin restores it before its configuration can change')
    } finally {
      await as.admin.rpc('restore_environment', { _environment_id: qa })
      await as.admin.rpc('move_environment', { _environment_id: qa, _position: 1 })
    }
  })
})

describe('secret detection in the database', () => {
  it('refuses a secret-looking variable written straight through PostgREST, with the sentence', async () => {
    const { error } = await as.admin.from('environment_config_versions')
      .insert({ environment_id: DEMO.env.staging, variables: { LOG_LEVEL: 'info', GITHUB: 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr' }, reason: 'Add the token' })
    expect(error).toMatchObject({ code: '23514' })
    expect(error?.message).toBe('Variable GITHUB looks like a secret (the value looks like a GitHub token). Use a secret reference instead: keep the value in a secret provider and reference it by provider and key.')
    expect(error?.message).not.toContain('ghp_')
  })

  it('refuses it when the owner or the service role writes the current configuration directly', async () => {
    await expect(sql(stack, `update public.environment_configs set variables = variables || '{"DB_PASSWORD": "hunter2"}' where environment_id = $1`, [DEMO.env.prod]))
      .rejects.toThrow('Variable DB_PASSWORD looks like a secret (its name says it holds one).')
    const service = await stack.service().from('environment_configs').update({ variables: { AWS: 'AKIAIOSFODNN7EXAMPLE' } }).eq('environment_id', DEMO.env.prod)
    expect(service.error?.message).toMatch(/Variable AWS looks like a secret \(the value looks like an AWS access key\)/)
  })

  it('records a direct database write as a version, so the history misses nothing', async () => {
    const before = (await versions(DEMO.env.prod)).length
    await sql(stack, `update public.environment_configs set variables = variables || '{"REPLICAS": 8}' where environment_id = $1`, [DEMO.env.prod])
    const after = await versions(DEMO.env.prod)
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)).toMatchObject({ created_by: null, reason: 'Changed directly in the database, outside Opzenix' })
    expect(after.at(-1).variables.REPLICAS).toBe(8)
  })

  it('refuses secret references that carry a value, or no provider', async () => {
    const bad = await as.admin.from('environment_config_versions').insert({
      environment_id: DEMO.env.staging, variables: {}, reason: 'Reference with a value',
      secrets: [{ name: 'GH', provider: 'github_actions', key: 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr' }],
    })
    expect(bad.error?.message).toMatch(/^Secret reference GH: the key looks like a GitHub token/)
    const value = await as.admin.from('environment_config_versions').insert({
      environment_id: DEMO.env.staging, variables: {}, reason: 'Reference with a value', secrets: [{ name: 'X', provider: 'supabase_vault', key: 'k', value: 'v' }],
    })
    expect(value.error?.message).toBe('each secret reference is {name, provider, key} and nothing else (never a value)')
    const project = await as.admin.from('secret_references').insert({ project_id: DEMO.project, ref_key: 'LEAK', provider: 'supabase_vault', external_name: 'xoxb-123456789012-abcdefghijkl' })
    expect(project.error?.message).toMatch(/the key looks like a Slack token/)
  })

  it('leaves an environment\'s own references to its configuration versions; admins keep project-wide ones', async () => {
    const own = await as.admin.from('secret_references').insert({ project_id: DEMO.project, environment_id: DEMO.env.staging, ref_key: 'SIDE_DOOR', provider: 'supabase_vault' })
    expect(own.error?.code).toBe('42501')
    const shared = await as.admin.from('secret_references').insert({ project_id: DEMO.project, ref_key: 'SENTRY_DSN', provider: 'edge_function_secret', external_name: 'SENTRY_DSN' })
    expect(shared.error).toBeNull()
  })

  it('agrees with the browser\'s and the function\'s rules, word for word', async () => {
    for (const { name, value } of VARIABLE_CASES) {
      const [row] = await sql(stack, 'select private.variable_refusal($1, $2::jsonb) as refusal', [name, JSON.stringify(value)])
      expect(row.refusal, name).toBe(variableRefusal(name, value))
    }
    const refs: Array<[string, string, string]> = [
      ['DB', 'supabase_vault', 'app/db'], ['DB', 'nope', 'x'], ['DB', 'supabase_vault', ' '],
      ['GH', 'github_actions', 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr'], ['bad name', 'supabase_vault', 'k'],
      ['OPAQUE', 'azure_key_vault', 'Zk3q9Lm2Xp7Rt4Vb8Nc1Hd6J'],
    ]
    for (const [name, provider, key] of refs) {
      const [row] = await sql(stack, 'select private.secret_reference_refusal($1, $2, $3) as refusal', [name, provider, key])
      expect(row.refusal, `${name} ${provider} ${key}`).toBe(secretReferenceRefusal(name, provider, key))
    }
  })
})
