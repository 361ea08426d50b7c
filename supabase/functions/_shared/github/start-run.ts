// Starts a mapped pipeline through the engine (_shared/engine/start.ts): the pipeline's stored graph, the
// mapped environment by key, trigger 'webhook', the pushed branch, commit and its author's email (so an approval
// policy can keep the author from approving their own change). No person started it.
import { serviceClient } from '../auth.ts'
import { type FlowType, startExecution } from '../engine/start.ts'
import { HttpError } from '../http.ts'

export interface MappedRun {
  projectId: string
  flowTemplateId: string
  environmentId: string
  branch: string
  commitSha?: string
  commitAuthorEmail?: string | null
}

/** The commit a run records: a real hex SHA, or null (a branch deletion's all-zero SHA, none at all). */
export const realSha = (sha: unknown): string | null => (typeof sha === 'string' && /^[0-9a-f]{7,40}$/.test(sha) && !/^0+$/.test(sha) ? sha : null)

export async function startMappedRun(run: MappedRun): Promise<Record<string, unknown>> {
  const admin = serviceClient()
  const [{ data: template, error }, { data: environment, error: envError }] = await Promise.all([
    admin.from('flow_templates').select('id, name, type, nodes, edges').eq('id', run.flowTemplateId).eq('project_id', run.projectId).maybeSingle(),
    admin.from('environments').select('key').eq('id', run.environmentId).maybeSingle(),
  ])
  if (error ?? envError) throw error ?? envError
  if (!template) return { started: false, reason: 'pipeline_missing' }
  try {
    const started = await startExecution(admin, {
      projectId: run.projectId,
      graph: { nodes: template.nodes, edges: template.edges },
      name: template.name,
      startedBy: null,
      triggerSource: 'webhook',
      flowTemplateId: template.id,
      flowType: template.type as FlowType,
      environment: environment?.key ?? null,
      branch: run.branch,
      commitSha: realSha(run.commitSha),
      commitAuthorEmail: run.commitAuthorEmail ?? null,
    })
    return { started: true, execution_id: started.executionId, execution_status: started.status, version: started.version }
  } catch (error) {
    // The pipeline cannot run as saved (rules, environment): say so on the delivery instead of failing it.
    if (error instanceof HttpError && error.status === 400) return { started: false, reason: 'pipeline_invalid', message: error.message, details: error.details }
    throw error
  }
}
