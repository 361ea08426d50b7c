// POST { flow_template_id, environment?, version?, name? } → 201 { execution_id, status, version, warnings }.
// Operators and admins of the pipeline's project start runs; a viewer gets 403, and someone outside the
// organization 404 (they cannot see the pipeline at all).
import { z } from 'zod'
import { requireCaller, requireProjectRole } from '../_shared/auth.ts'
import { handle, json, notFound, readInput } from '../_shared/http.ts'
import { startExecution, type FlowType } from '../_shared/engine/start.ts'

const input = z.object({
  flow_template_id: z.uuid(),
  environment: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'an environment key such as dev or prod').optional(),
  version: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200).optional(),
})

export const handler = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const body = await readInput(req, input)
  // Read as the caller: RLS hides other organizations' pipelines, which is a 404 for them.
  const { data: template, error } = await caller.db.from('flow_templates')
    .select('id, project_id, name, type, nodes, edges').eq('id', body.flow_template_id).maybeSingle()
  if (error) throw error
  if (!template) throw notFound('No pipeline with that id')
  await requireProjectRole(caller, template.project_id, 'operator', 'start a pipeline')

  const started = await startExecution(caller.admin, {
    projectId: template.project_id,
    graph: { nodes: template.nodes, edges: template.edges },
    name: body.name ?? template.name,
    startedBy: caller.user.id,
    triggerSource: 'manual',
    flowTemplateId: template.id,
    flowType: template.type as FlowType,
    environment: body.environment ?? null,
    version: body.version ?? null,
  })
  return json({ execution_id: started.executionId, status: started.status, version: started.version, warnings: started.warnings }, 201)
})
