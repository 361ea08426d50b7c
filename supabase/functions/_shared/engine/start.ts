// Starting a run: the one way every caller (pipeline-execute, rerun-from-checkpoint, create-test-execution,
// GitHub push webhooks) creates an execution, so each run is validated, versioned and ticked the same way.
import type { SupabaseClient } from '@supabase/supabase-js'
import type { NodeKind } from '../pipeline/kinds.ts'
import { isRunnable, validateGraph, type GraphIssue } from '../pipeline/graph.ts'
import { toPipeline } from '../pipeline/stored.ts'
import type { ExecutionStatus, NodeStatus } from '../pipeline/statuses.ts'
import { badRequest, forbidden } from '../http.ts'
import { advanceExecution } from './advance.ts'
import { readStoredGraph } from './stored-graph.ts'

export type TriggerSource = 'manual' | 'webhook' | 'schedule' | 'api' | 'rerun'
export type FlowType = 'cicd' | 'mlops' | 'llmops' | 'infrastructure' | 'security'

/** A result carried over from an earlier attempt (rerun): the node starts finished and does not run again. */
export interface ReusedResult {
  status: Extract<NodeStatus, 'success' | 'warning' | 'skipped'>
  started_at: string | null
  finished_at: string | null
  output?: Record<string, unknown> | null
}

export interface StartExecutionInput {
  projectId: string
  /** The pipeline as stored in flow_templates ({ nodes, edges }, React Flow shaped); copied into the run. */
  graph: { nodes: unknown; edges?: unknown }
  /** Shown in lists, e.g. "Payments API release"; the version is appended by callers that want it. */
  name: string
  /** The person the run acts for (deployed_by, self-approval rule); null for system triggers. */
  startedBy: string | null
  triggerSource?: TriggerSource
  flowTemplateId?: string | null
  flowType?: FlowType
  /** Key of the environment the run targets (dev, prod…); must exist in the project. */
  environment?: string | null
  /** What deploy nodes ship; default `<pipeline-slug>-<yyyymmdd>-<first 7 of the execution id>`. */
  version?: string | null
  branch?: string | null
  /** 7–40 lowercase hex characters. */
  commitSha?: string | null
  /** Who wrote the commit being shipped (GitHub pushes): approval policies can refuse their approval. */
  commitAuthorEmail?: string | null
  /** A promotion: the deployment_versions row (of an earlier environment) whose commit and artifact it ships. */
  promotionOfVersionId?: string | null
  /** Rerun: node id → result carried over; those rows start finished with output.reused = true. */
  reuse?: Record<string, ReusedResult>
  /** Rerun: node id → attempt number (default 1). */
  attempts?: Record<string, number>
  /** Run the first tick now (default true): instant nodes finish and the first steps start. */
  tick?: boolean
}

export interface StartedExecution {
  executionId: string
  version: string
  /** Status after the first tick (queued when `tick: false`). */
  status: ExecutionStatus
  /** The rules' warnings (no tests, no checkpoint…): the run starts anyway. */
  warnings: GraphIssue[]
}

/**
 * Validates `graph` with the pipeline rules against the project's environments, creates the executions row
 * (graph copied, status queued) and one execution_nodes row per node, then runs a first tick.
 * `admin` must be a service-role client: the caller has already checked that the person may start runs in
 * the project. Throws HttpError 400 (code invalid_input, details.issues: GraphIssue[] or details.errors:
 * string[]) for an invalid graph, unknown environment or bad version/sha, before writing anything.
 */
export async function startExecution(admin: SupabaseClient, input: StartExecutionInput): Promise<StartedExecution> {
  const read = readStoredGraph(input.graph)
  if (!read.ok) throw badRequest(`The pipeline graph is malformed: ${read.errors.join('; ')}`, { errors: read.errors })
  const { data: envs, error: envError } = await admin.from('environments').select('id, key, required_approvals')
    .eq('project_id', input.projectId)
  if (envError) throw new Error(`loading environments: ${envError.message}`)
  const environments = envs as { id: string; key: string; required_approvals: number }[]

  const issues = validateGraph(read.graph, { environments })
  if (!isRunnable(issues)) {
    const errors = issues.filter((i) => i.severity === 'error')
    throw badRequest(`The pipeline cannot run: ${errors.map((i) => i.message).join(' ')}`, { issues: errors })
  }
  const pipeline = toPipeline({ nodes: read.graph.nodes.map((n) => ({ ...n, kind: n.kind as NodeKind })), edges: read.graph.edges })
  if (!pipeline.ok) throw badRequest(`The pipeline cannot run: ${pipeline.errors.join('; ')}`, { errors: pipeline.errors })

  let environmentId: string | null = null
  if (input.environment) {
    environmentId = environments.find((e) => e.key === input.environment)?.id ?? null
    if (!environmentId) throw badRequest(`This project has no environment "${input.environment}"`, { environment: input.environment })
  }
  if (input.commitSha && !/^[0-9a-f]{7,40}$/.test(input.commitSha)) throw badRequest('commit sha must be 7–40 lowercase hex characters')
  const executionId = crypto.randomUUID()
  const version = input.version?.trim() || defaultVersion(input.name, executionId)
  if (version.length > 200) throw badRequest('version must be at most 200 characters')
  const labels = new Map(read.graph.nodes.map((n) => [n.id, n.label]))
  const nodes = pipeline.value.nodes.map((n) => {
    const reused = input.reuse?.[n.id]
    return {
      node_id: n.id,
      name: labels.get(n.id) ?? n.id,
      kind: n.kind,
      config: n.config,
      status: reused?.status ?? 'pending',
      attempt: input.attempts?.[n.id] ?? 1,
      started_at: reused?.started_at ?? null,
      finished_at: reused?.finished_at ?? null,
      output: reused ? { ...(reused.output ?? {}), reused: true } : null,
    }
  })
  // One transaction for the run and its nodes: a tick must never see the run without them.
  const { error: createError } = await admin.rpc('engine_create_execution', {
    _execution: {
      id: executionId,
      project_id: input.projectId,
      flow_template_id: input.flowTemplateId ?? null,
      name: input.name,
      flow_type: input.flowType ?? 'cicd',
      environment_id: environmentId,
      graph: { nodes: input.graph.nodes, edges: input.graph.edges ?? [] },
      trigger_source: input.triggerSource ?? 'manual',
      branch: input.branch ?? null,
      commit_sha: input.commitSha ?? null,
      commit_author_email: input.commitAuthorEmail?.trim().slice(0, 320) || null,
      promotion_of_version_id: input.promotionOfVersionId ?? null,
      started_by: input.startedBy,
      version,
    },
    _nodes: nodes,
  })
  // The database refuses a starter without run on a targeted environment (check_run_permission) with the sentence.
  if (createError?.code === '42501') throw forbidden(createError.message)
  if (createError) throw new Error(`creating the execution: ${createError.message}`)

  const warnings = issues.filter((i) => i.severity === 'warning')
  if (input.tick === false) return { executionId, version, status: 'queued', warnings }
  const advanced = await advanceExecution(admin, executionId)
  return { executionId, version, status: (advanced.status ?? 'queued') as ExecutionStatus, warnings }
}

/** `<pipeline-slug>-<yyyymmdd>-<first 7 of the id>`, e.g. payments-api-release-20261128-3f9c2ab. */
export function defaultVersion(name: string, id: string, now = new Date()): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'run'
  const day = now.toISOString().slice(0, 10).replaceAll('-', '')
  return `${slug}-${day}-${id.replaceAll('-', '').slice(0, 7)}`
}
