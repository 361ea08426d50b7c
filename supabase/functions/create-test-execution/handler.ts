// Starts the built-in smoke test against one environment (smoke-pipeline.ts). The run is written as the
// caller (RLS: operators start runs as themselves) and then handed to the engine (service role), like any run.
// startExecution is not used because its rules demand a deploy node, which a smoke test must not have.
import { z } from 'zod'
import { requireCaller, requireProjectRole } from '../_shared/auth.ts'
import { handle, json, notFound, readInput } from '../_shared/http.ts'
import { advanceExecution } from '../_shared/engine/advance.ts'
import { fromStored, toPipeline } from '../_shared/pipeline/stored.ts'
import { smokePipeline } from './smoke-pipeline.ts'
import { repositoryOf } from '../_shared/github/repository-of.ts'

const input = z.object({ environment_id: z.guid() })

export const createTestExecution = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { environment_id } = await readInput(req, input)
  const { data: env, error } = await caller.db.from('environments')
    .select('id, project_id, key, display_name, projects (name, github_repo_url)').eq('id', environment_id).maybeSingle()
  if (error) throw error
  if (!env) throw notFound('No such environment, or you are not a member of its project')
  await requireProjectRole(caller, env.project_id, 'operator', 'run a smoke test')

  const project = env.projects as unknown as { name: string; github_repo_url: string | null }
  const graph = smokePipeline(env, repositoryOf(project))
  const draft = fromStored(graph)
  const pipeline = draft.ok ? toPipeline(draft.value) : draft
  if (!pipeline.ok) throw new Error(`the built-in smoke test is invalid: ${pipeline.errors.join('; ')}`)

  const executionId = crypto.randomUUID()
  // Idle until its nodes exist, so a scheduler tick never sees a run without nodes.
  const created = await caller.db.from('executions').insert({
    id: executionId, project_id: env.project_id, name: `Smoke test: ${env.display_name}`, flow_type: 'cicd',
    status: 'idle', environment_id: env.id, graph, trigger_source: 'manual', started_by: caller.user.id,
  })
  if (created.error) throw created.error
  const labels = new Map(graph.nodes.map((n) => [n.id, n.data.label ?? n.id]))
  const nodes = await caller.db.from('execution_nodes').insert(pipeline.value.nodes.map((n) => ({
    execution_id: executionId, node_id: n.id, name: labels.get(n.id), kind: n.kind, config: n.config, status: 'pending',
  })))
  const queued = nodes.error ? null : await caller.db.from('executions').update({ status: 'queued' }).eq('id', executionId)
  if (nodes.error || queued?.error) {
    // The caller was allowed to create this run; removing the half-made one is on us (deleting is admin-only).
    await caller.admin.from('executions').delete().eq('id', executionId)
    throw nodes.error ?? queued!.error
  }
  const advanced = await advanceExecution(caller.admin, executionId)
  return json({ execution_id: executionId, name: `Smoke test: ${env.display_name}`, status: advanced.status ?? 'queued' }, 201)
})
