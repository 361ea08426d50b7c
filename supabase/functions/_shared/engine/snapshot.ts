// Reads executions as the engine needs them, in one PostgREST request per batch (nodes, approval requests
// and their votes embedded), with the service client: the engine acts for every project.
import type { SupabaseClient } from '@supabase/supabase-js'
import type { ApprovalDecision, EngineNode, ExecutionSnapshot, StepResult } from '../pipeline/engine-types.ts'
import { isNodeFinished, type ExecutionStatus, type NodeStatus } from '../pipeline/statuses.ts'
import { readStoredGraph } from './stored-graph.ts'
import { isWorkflowNode, workflowResult } from './github-workflow-results.ts'

export const ACTIVE_STATUSES = ['queued', 'running', 'paused'] as const

const SELECT = `id, project_id, name, status, version, graph, started_by,
  execution_nodes (node_id, kind, config, status, started_at, finished_at, attempt, log_lines_written, output),
  approval_requests (node_id, status, approval_votes (vote, comment, created_at))`

interface NodeRow {
  node_id: string
  kind: string
  config: unknown
  status: string
  started_at: string | null
  finished_at: string | null
  attempt: number
  log_lines_written: number
  output: Record<string, unknown> | null
}
interface RequestRow {
  node_id: string
  status: string
  approval_votes: { vote: string; comment: string | null; created_at: string }[]
}
export interface ExecutionRow {
  id: string
  project_id: string
  name: string
  status: string
  version: string | null
  graph: unknown
  started_by: string | null
  execution_nodes: NodeRow[]
  approval_requests: RequestRow[]
}

/** One execution ready for `tick`: its snapshot plus what the database decided for it. */
export interface LoadedExecution {
  id: string
  projectId: string
  snapshot: ExecutionSnapshot
  decisions: ApprovalDecision[]
  /** Finished GitHub workflow runs and refused dispatches of running nodes. */
  results: StepResult[]
  /** A GitHub workflow node is pending, or running and not dispatched yet: the tick looks for dispatches. */
  awaitsDispatch: boolean
  /** Streamed-log cursor per node (execution_nodes.log_lines_written). */
  linesWritten: Map<string, number>
}

/** Loads one execution, or null when it does not exist. */
export async function loadExecution(admin: SupabaseClient, id: string): Promise<LoadedExecution | null> {
  const { data, error } = await admin.from('executions').select(SELECT).eq('id', id).maybeSingle()
  if (error) throw new Error(`loading execution ${id}: ${error.message}`)
  return data ? toLoaded(data as unknown as ExecutionRow) : null
}

/** Loads up to `limit` active executions with ids after `after` (keyset paging, stable under updates). */
export async function loadActiveBatch(admin: SupabaseClient, after: string | null, limit: number): Promise<LoadedExecution[]> {
  let query = admin.from('executions').select(SELECT).in('status', ACTIVE_STATUSES).order('id').limit(limit)
  if (after) query = query.gt('id', after)
  const { data, error } = await query
  if (error) throw new Error(`loading active executions: ${error.message}`)
  return (data as unknown as ExecutionRow[]).map(toLoaded)
}

export function toLoaded(row: ExecutionRow): LoadedExecution {
  const read = readStoredGraph(row.graph)
  const ids = new Set(row.execution_nodes.map((n) => n.node_id))
  const edges = read.ok ? read.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) : []
  const nodes = row.execution_nodes.map((n): EngineNode => ({
    id: n.node_id,
    kind: n.kind,
    config: n.config,
    status: n.status as NodeStatus,
    started_at: n.started_at,
    finished_at: n.finished_at,
    attempt: n.attempt,
    ...(n.output?.reused === true ? { reused: true } : {}),
  }))
  const waiting = new Set(nodes.filter((n) => n.status === 'waiting').map((n) => n.id))
  const decisions: ApprovalDecision[] = []
  for (const r of row.approval_requests) {
    if (!waiting.has(r.node_id) || r.status === 'pending') continue
    const approved = r.status === 'approved'
    const votes = [...r.approval_votes].sort((a, b) => b.created_at.localeCompare(a.created_at))
    const deciding = votes.find((v) => v.vote === (approved ? 'approve' : 'reject'))
    const comment = deciding?.comment ?? (approved ? undefined : `request ${r.status}`)
    decisions.push({ nodeId: r.node_id, approved, ...(comment ? { comment } : {}) })
  }
  return {
    id: row.id,
    projectId: row.project_id,
    snapshot: { status: row.status as ExecutionStatus, version: row.version, nodes, edges },
    decisions,
    results: row.execution_nodes.flatMap((n) => workflowResult(n.node_id, n.status, n.output) ?? []),
    awaitsDispatch: row.execution_nodes.some((n) => isWorkflowNode(n.config) &&
      (n.status === 'pending' || (n.status === 'running' && !n.output?.github_workflow))),
    linesWritten: new Map(row.execution_nodes.map((n) => [n.node_id, n.log_lines_written])),
  }
}

/** Per project: environment key → why a deploy may not enter it now (a lock or a freeze window). */
export type BlockedEnvironments = ReadonlyMap<string, ReadonlyMap<string, string>>

/** True when some execution still has a deploy or rollback to do, so locks and freezes matter. */
export function needsBlocked(executions: readonly LoadedExecution[]): boolean {
  return executions.some((e) => e.snapshot.nodes.some((n) => (n.kind === 'deploy' || n.kind === 'rollback') && !isNodeFinished(n.status)))
}

export async function loadBlockedEnvironments(admin: SupabaseClient, projectIds: string[]): Promise<BlockedEnvironments> {
  const { data, error } = await admin.rpc('engine_blocked_environments', { _project_ids: [...new Set(projectIds)] })
  if (error) throw new Error(`loading locked environments: ${error.message}`)
  const map = new Map<string, Map<string, string>>()
  for (const row of data as { project_id: string; environment: string; message: string }[]) {
    const envs = map.get(row.project_id) ?? new Map<string, string>()
    if (!envs.has(row.environment)) envs.set(row.environment, row.message)
    map.set(row.project_id, envs)
  }
  return map
}
