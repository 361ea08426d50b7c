// POST { to_environment_id, from_environment_id?, note? } → 201 { execution_id, status, version, from, to }.
// Promotes the version that runs in one environment (default: the stage before the target) into the target.
// The database decides whether it may be promoted and by whom (promotion_plan, as the caller: forward only,
// no skipped stage unless the target allows it, deploy permission there); the run it starts goes through the
// target's approval gate, lock and freeze like any other, and its deploy step ships the source's exact
// commit and artifact (checked again by the engine when it deploys).
import { z } from 'zod'
import { requireCaller, requireProjectRole } from '../_shared/auth.ts'
import { badRequest, conflict, forbidden, handle, HttpError, json, notFound, readInput } from '../_shared/http.ts'
import { startExecution } from '../_shared/engine/start.ts'
import { promotionPipeline, type PromotionPlan } from './promotion-pipeline.ts'
import { repositoryOf } from '../_shared/github/repository-of.ts'

const input = z.object({
  to_environment_id: z.guid(),
  from_environment_id: z.guid().optional(),
  note: z.string().trim().max(500).optional(),
})

interface PostgrestError { code?: string; message: string; details?: string | null }

function refusal(error: PostgrestError): unknown {
  if (error.code === 'PT404') return notFound(error.message)
  if (error.code === 'PT400') return badRequest(error.message)
  if (error.code === 'PT409') return conflict(error.message, error.details ? { execution_id: error.details } : undefined)
  if (error.code === '42501') return forbidden(error.message)
  return error
}

/** The target's evidence gates (security, tests) on the version's evidence; the deploy is refused in SQL too. */
async function requireGatesPass(db: Awaited<ReturnType<typeof requireCaller>>['db'], plan: PromotionPlan): Promise<void> {
  const { data, error } = await db.rpc('evidence_gate_verdict', { _environment_id: plan.to.id, _version_id: plan.version.id })
  if (error) throw refusal(error)
  const verdict = data as { evidence_execution_id: string | null; gates: Array<{ blocked: boolean; message: string }> }
  const blocked = verdict.gates.filter((g) => g.blocked)
  if (blocked.length) {
    throw new HttpError(409, 'gate_blocked', blocked.map((g) => g.message).join('; '), { evidence_execution_id: verdict.evidence_execution_id, gates: blocked })
  }
}

export const promoteVersion = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const body = await readInput(req, input)
  const { data, error } = await caller.db.rpc('promotion_plan', {
    _to_environment_id: body.to_environment_id, _from_environment_id: body.from_environment_id ?? null,
  })
  if (error) throw refusal(error)
  const plan = data as PromotionPlan
  await requireProjectRole(caller, plan.project_id, 'operator', 'promote a version')
  await requireGatesPass(caller.db, plan)

  const { data: project, error: projectError } = await caller.db.from('projects').select('name, github_repo_url')
    .eq('id', plan.project_id).single()
  if (projectError) throw projectError
  const graph = promotionPipeline(plan, repositoryOf(project))
  const name = `Promote ${plan.version.version_tag}: ${plan.from.key} → ${plan.to.key}`
  const started = await startExecution(caller.admin, {
    projectId: plan.project_id,
    graph,
    name: body.note ? `${name} (${body.note})` : name,
    startedBy: caller.user.id,
    triggerSource: 'manual',
    environment: plan.to.key,
    version: plan.version.version_tag,
    commitSha: plan.version.commit_sha,
    promotionOfVersionId: plan.version.id,
  })
  return json({
    execution_id: started.executionId,
    status: started.status,
    version: plan.version.version_tag,
    from: plan.from,
    to: { id: plan.to.id, key: plan.to.key, display_name: plan.to.display_name },
    replaces: plan.replaces?.version_tag ?? null,
  }, 201)
})
