// /create-environment: admins shape a project's promotion chain. POST / adds an environment at a position (the
// later ones shift), POST /move moves one, /archive archives one (history stays; no new deployments or runs),
// /restore brings it back at the end. Each route calls one SQL function as the caller (create_environment,
// move_environment, archive_environment, restore_environment: security invoker, so RLS applies too); the
// database decides who may and keeps positions contiguous. This handler checks the input's shape, answers 404
// for what the caller cannot see, and turns the database's refusals into the shared error shape.
import { z } from 'zod'
import { requireCaller, type Caller } from '../_shared/auth.ts'
import { handle, json, notFound, readInput, routeParts } from '../_shared/http.ts'
import { environmentDbError } from '../_shared/environments/errors.ts'
import { visibleEnvironment } from '../_shared/environments/visible.ts'

const TIERS = ['development', 'testing', 'staging', 'preproduction', 'production'] as const
const STRATEGIES = ['rolling', 'canary', 'blue_green'] as const
const position = z.number().int('position must be a whole number').min(0, 'position starts at 0')

export const CreateInput = z.strictObject({
  project_id: z.guid(),
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'start with a lowercase letter; use a-z, 0-9, - and _ (at most 40)'),
  display_name: z.string().trim().min(1, 'give it a name').max(100),
  tier: z.enum(TIERS),
  position: position.optional(),
  required_approvals: z.number().int().min(0).max(50).default(0),
  deploy_strategy: z.enum(STRATEGIES).default('rolling'),
  operators_edit_config: z.boolean().nullable().default(null),
})
const MoveInput = z.strictObject({ environment_id: z.guid(), position })
const ArchiveInput = z.strictObject({ environment_id: z.guid(), reason: z.string().trim().max(500).optional() })
const RestoreInput = z.strictObject({ environment_id: z.guid() })

const COLUMNS = 'id, key, display_name, tier, position, required_approvals, deploy_strategy, operators_edit_config, archived_at, archived_by, archive_reason'

/** The project's environments in chain order, archived ones last, as the caller sees them. */
async function chain(caller: Caller, projectId: string) {
  const { data, error } = await caller.db.from('environments').select(COLUMNS).eq('project_id', projectId).order('position')
  if (error) throw error
  return data
}

async function call(caller: Caller, fn: string, args: Record<string, unknown>) {
  const { data, error } = await caller.db.rpc(fn, args).single()
  if (error) throw environmentDbError(error)
  return data as Record<string, unknown> & { project_id: string }
}

export const createEnvironment = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const route = routeParts(req, 'create-environment').join('/')

  if (route === '') {
    const input = await readInput(req, CreateInput)
    const project = await caller.db.from('projects').select('id').eq('id', input.project_id).maybeSingle()
    if (project.error) throw project.error
    if (!project.data) throw notFound('No such project, or you are not a member of its organization')
    const env = await call(caller, 'create_environment', {
      _project_id: input.project_id, _key: input.key, _display_name: input.display_name, _tier: input.tier,
      _position: input.position ?? null, _required_approvals: input.required_approvals,
      _deploy_strategy: input.deploy_strategy, _operators_edit_config: input.operators_edit_config,
    })
    return json({ environment: env, chain: await chain(caller, input.project_id) }, 201)
  }
  if (route === 'move') {
    const input = await readInput(req, MoveInput)
    await visibleEnvironment(caller, input.environment_id)
    const env = await call(caller, 'move_environment', { _environment_id: input.environment_id, _position: input.position })
    return json({ environment: env, chain: await chain(caller, env.project_id) })
  }
  if (route === 'archive') {
    const input = await readInput(req, ArchiveInput)
    await visibleEnvironment(caller, input.environment_id)
    const env = await call(caller, 'archive_environment', { _environment_id: input.environment_id, _reason: input.reason ?? null })
    return json({ environment: env, chain: await chain(caller, env.project_id) })
  }
  if (route === 'restore') {
    const input = await readInput(req, RestoreInput)
    await visibleEnvironment(caller, input.environment_id)
    const env = await call(caller, 'restore_environment', { _environment_id: input.environment_id })
    return json({ environment: env, chain: await chain(caller, env.project_id) })
  }
  throw notFound('Unknown create-environment route: use POST /create-environment, /move, /archive or /restore')
})
