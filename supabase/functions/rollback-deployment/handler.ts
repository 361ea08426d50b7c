// Rolls an environment back to one of its earlier versions. The writes happen in one SQL function that runs
// as the caller (security invoker): their RLS and the deploy guard trigger (locks, freeze windows) decide,
// and the audit triggers record it. This handler only checks the input and turns refusals into clear errors; who
// may roll back (role defaults and per-environment grants) is the database's decision alone.
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { handle, json, notFound, readInput } from '../_shared/http.ts'
import { databaseError } from './errors.ts'

const input = z.object({
  environment_id: z.guid(),
  version_id: z.guid(),
  reason: z.string().trim().min(5, 'say why in at least 5 characters').max(2000),
})

export const rollbackDeployment = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { environment_id, version_id, reason } = await readInput(req, input)

  const env = await caller.db.from('environments').select('id, project_id, key').eq('id', environment_id).maybeSingle()
  if (env.error) throw env.error
  if (!env.data) throw notFound('No such environment, or you are not a member of its project')

  const { data, error } = await caller.db.rpc('rollback_deployment', {
    _environment_id: environment_id, _version_id: version_id, _reason: reason,
  }).single()
  if (error) throw databaseError(error)
  const row = data as Record<string, string | null>
  return json({
    deployment_id: row.deployment_id,
    rolled_back_deployment_id: row.rolled_back_deployment_id,
    version: {
      id: row.version_id,
      version_tag: row.version_tag,
      commit_sha: row.commit_sha,
      restored_from_id: row.restored_from_id,
      environment_id,
    },
  }, 201)
})
