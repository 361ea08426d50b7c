// Reruns a failed or cancelled run from its last passed checkpoint (or a chosen one) as a new attempt: the
// checkpoint and everything before it keep their results, the rest runs again. The new run is written as the
// caller (RLS: operators start runs as themselves); the database numbers the attempt and refuses a second
// rerun of the same run. The engine (service role) then takes over, as for any run.
import { z } from 'zod'
import { requireCaller, requireProjectRole, type Caller } from '../_shared/auth.ts'
import { conflict, handle, json, notFound, readInput } from '../_shared/http.ts'
import { advanceExecution } from '../_shared/engine/advance.ts'
import { planFor, rerunRows, type RunRow } from './plan.ts'

const input = z.object({
  execution_id: z.guid(),
  /** A checkpoints row of the run, or the checkpoint node's id in its graph. */
  checkpoint_id: z.string().trim().min(1).max(200).optional(),
})

const RUN = `id, project_id, flow_template_id, name, flow_type, environment_id, graph, branch, commit_sha, version, status, attempt,
  execution_nodes (node_id, name, kind, config, status, started_at, finished_at, duration_ms, attempt, output)`
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const rerunFromCheckpoint = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const body = await readInput(req, input)
  const { data, error } = await caller.db.from('executions').select(RUN).eq('id', body.execution_id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No execution with that id')
  const run = data as RunRow & Record<string, any>
  await requireProjectRole(caller, run.project_id, 'operator', 'rerun a pipeline')

  const checkpointNode = body.checkpoint_id === undefined ? undefined : await checkpointNodeId(caller, run, body.checkpoint_id)
  const plan = planFor(run, checkpointNode)
  await refuseSecondRerun(caller, run.id)

  const executionId = crypto.randomUUID()
  // Idle until its nodes exist, so a scheduler tick never sees a run without nodes.
  const created = await caller.db.from('executions').insert({
    id: executionId, project_id: run.project_id, flow_template_id: run.flow_template_id, name: run.name,
    flow_type: run.flow_type, status: 'idle', environment_id: run.environment_id, graph: run.graph,
    trigger_source: 'rerun', branch: run.branch, commit_sha: run.commit_sha, version: run.version,
    started_by: caller.user.id, rerun_of_id: run.id, rerun_from_node_id: plan.checkpointId,
  }).select('attempt').single()
  if (created.error) {
    if (created.error.code === '23505') await refuseSecondRerun(caller, run.id)
    throw created.error
  }
  const nodes = await caller.db.from('execution_nodes').insert(rerunRows(run, plan, executionId))
  const queued = nodes.error ? null : await caller.db.from('executions').update({ status: 'queued' }).eq('id', executionId)
  if (nodes.error || queued?.error) {
    // The caller was allowed to create this run; removing the half-made one is on us (deleting is admin-only).
    await caller.admin.from('executions').delete().eq('id', executionId)
    throw nodes.error ?? queued!.error
  }
  const advanced = await advanceExecution(caller.admin, executionId)
  return json({
    execution_id: executionId,
    attempt: created.data.attempt,
    rerun_of_id: run.id,
    checkpoint_node_id: plan.checkpointId,
    reused: plan.reused,
    rerun: plan.rerun,
    status: advanced.status ?? 'queued',
  }, 201)
})

async function checkpointNodeId(caller: Caller, run: RunRow, id: string): Promise<string> {
  if (GUID.test(id)) {
    const { data, error } = await caller.db.from('checkpoints').select('node_id').eq('id', id).eq('execution_id', run.id).maybeSingle()
    if (error) throw error
    if (data) return data.node_id
  }
  const node = run.execution_nodes.find((n) => n.node_id === id)
  if (!node || node.kind !== 'checkpoint') throw notFound(`The run has no checkpoint "${id}"`)
  return node.node_id
}

async function refuseSecondRerun(caller: Caller, runId: string): Promise<void> {
  const { data, error } = await caller.db.from('executions').select('id, attempt').eq('rerun_of_id', runId).maybeSingle()
  if (error) throw error
  if (data) throw conflict(`The run was already rerun (attempt ${data.attempt}); rerun that attempt instead`, { execution_id: data.id })
}
