// /update-environment-config: an environment's configuration, one version per change. POST / saves variables and
// secret references as a new version (reason required), POST /restore makes an earlier version's content the
// new version, POST /diff compares any two versions. Versions are written as the caller into
// environment_config_versions, whose trigger decides who may (admins; operators on development and testing
// unless an admin turned it off), refuses secret-looking variables with a sentence, numbers the version and makes
// it current; this handler checks the input, names every offending variable at once (the same rules as the
// database, _shared/environments/secrets.ts) and answers with the diff from the previous version.
import { z } from 'zod'
import { requireCaller, type Caller } from '../_shared/auth.ts'
import { badRequest, forbidden, handle, json, notFound, readInput, routeParts } from '../_shared/http.ts'
import { environmentDbError } from '../_shared/environments/errors.ts'
import { visibleEnvironment } from '../_shared/environments/visible.ts'
import { configProblems, type SecretRef, type Variables } from '../_shared/environments/secrets.ts'
import { diffConfigs, type ConfigSnapshot } from '../_shared/environments/diff.ts'

const reason = z.string().trim().min(5, 'say why in at least 5 characters').max(500)
const baseVersion = z.number().int().min(0).optional()
const versionNumber = z.number().int('a version is a whole number').min(1, 'versions start at 1')

const SaveInput = z.strictObject({
  environment_id: z.guid(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  secrets: z.array(z.strictObject({ name: z.string(), provider: z.string(), key: z.string() })).max(200).default([]),
  reason,
  base_version: baseVersion,
})
const RestoreInput = z.strictObject({ environment_id: z.guid(), version: versionNumber, reason, base_version: baseVersion })
const DiffInput = z.strictObject({ environment_id: z.guid(), from: z.number().int().min(0), to: z.number().int().min(0) })

const COLUMNS = 'id, environment_id, version, variables, secrets, reason, restored_from, base_version, created_by, created_at'
const EMPTY: ConfigSnapshot = { variables: {}, secrets: [] }

/** 403 with the database's sentence unless the caller may change this environment's configuration. */
async function requireConfigEditor(caller: Caller, environmentId: string): Promise<void> {
  const { data, error } = await caller.db.rpc('environment_config_refusal', { _environment_id: environmentId })
  if (error) throw error
  if (data) throw forbidden(data as string)
}

async function snapshot(caller: Caller, environmentId: string, version: number): Promise<ConfigSnapshot> {
  if (version === 0) return EMPTY
  const { data, error } = await caller.db.from('environment_config_versions').select('variables, secrets')
    .eq('environment_id', environmentId).eq('version', version).maybeSingle()
  if (error) throw error
  if (!data) throw notFound(`Version ${version} of this environment does not exist`)
  return data as ConfigSnapshot
}

async function insertVersion(caller: Caller, row: Record<string, unknown>) {
  const { data, error } = await caller.db.from('environment_config_versions').insert(row).select(COLUMNS).single()
  if (error) throw environmentDbError(error)
  const saved = data as ConfigSnapshot & { version: number; environment_id: string }
  const previous = await snapshot(caller, saved.environment_id, saved.version - 1)
  return json({ version: saved, changes: diffConfigs(previous, saved) }, 201)
}

export const updateEnvironmentConfig = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const route = routeParts(req, 'update-environment-config').join('/')

  if (route === '') {
    const input = await readInput(req, SaveInput)
    await visibleEnvironment(caller, input.environment_id)
    await requireConfigEditor(caller, input.environment_id)
    const problems = configProblems(input.variables, input.secrets as SecretRef[])
    if (problems.length > 0) throw badRequest(problems[0].message, problems)
    return insertVersion(caller, {
      environment_id: input.environment_id, variables: input.variables as Variables, secrets: input.secrets,
      reason: input.reason, base_version: input.base_version ?? null,
    })
  }
  if (route === 'restore') {
    const input = await readInput(req, RestoreInput)
    await visibleEnvironment(caller, input.environment_id)
    await requireConfigEditor(caller, input.environment_id)
    return insertVersion(caller, {
      environment_id: input.environment_id, restored_from: input.version, reason: input.reason, base_version: input.base_version ?? null,
    })
  }
  if (route === 'diff') {
    const input = await readInput(req, DiffInput)
    await visibleEnvironment(caller, input.environment_id)
    const [from, to] = await Promise.all([
      snapshot(caller, input.environment_id, input.from), snapshot(caller, input.environment_id, input.to),
    ])
    return json({ from: input.from, to: input.to, changes: diffConfigs(from, to) })
  }
  throw notFound('Unknown update-environment-config route: use POST /update-environment-config, /restore or /diff')
})
