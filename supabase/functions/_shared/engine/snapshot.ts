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
  approval_requests (node_id, status, expires_at, required_approvals, approval_count, waiting_for,
    approval_votes (vote, comment, created_at))`

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
  expires_at?: string | null
  required_approvals?: number
  approval_count?: number
  /** What an approval policy's request still needs, in words (the vote triggers keep it). */
  waiting_for?: string | null
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
  /** Who started the run: its deploys are made as them (deployed_by), so their approved break-glass counts. */
  startedBy: string | null
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

/** Why an open request's gate fails once it expires: when, and what it still needed. */
export function expiryReason(r: Pick<RequestRow, 'waiting_for' | 'approval_count' | 'required_approvals'>, expiresAt: string): string {
  const needed = r.waiting_for ? `still waiting for ${r.waiting_for}` : `it had ${r.approval_count ?? 0} of ${r.required_approvals ?? 1} approvals`
  return `Approval request expired at ${new Date(expiresAt).toISOString()} before it was approved; ${needed}`
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
    if (waiting.has(r.node_id) && r.status === 'pending' && r.expires_at) {
      decisions.push({ nodeId: r.node_id, approved: false, expiresAt: r.expires_at, comment: expiryReason(r, r.expires_at) })
    }
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
    startedBy: row.started_by,
    snapshot: { status: row.status as ExecutionStatus, version: row.version, nodes, edges },
    decisions,
    results: row.execution_nodes.flatMap((n) => workflowResult(n.node_id, n.status, n.output) ?? []),
    awaitsDispatch: row.execution_nodes.some((n) => isWorkflowNode(n.config) &&
      (n.status === 'pending' || (n.status === 'running' && !n.output?.github_workflow))),
    linesWritten: new Map(row.execution_nodes.map((n) => [n.node_id, n.log_lines_written])),
  }
}

/** Why a deploy may not enter an environment now, and whose approved break-glass would get through. */
export interface EnvironmentBlock {
  kind: 'lock' | 'freeze'
  message: string
  breakGlassUsers: readonly string[]
}

/** One waiting deploy in an environment's queue, in queue order. */
export interface QueuedDeploy {
  executionId: string
  nodeId: string
}

/** Per project: environment key → what blocks it (a lock or a freeze window) and its deploy queue. */
export interface EnvironmentGates {
  blocked: ReadonlyMap<string, EnvironmentBlock>
  queues: ReadonlyMap<string, readonly QueuedDeploy[]>
}
export type BlockedEnvironments = ReadonlyMap<string, EnvironmentGates>

/** True when some execution still has a deploy or rollback to do, so locks, freezes and queues matter. */
export function needsBlocked(executions: readonly LoadedExecution[]): boolean {
  return executions.some((e) => e.snapshot.nodes.some((n) => (n.kind === 'deploy' || n.kind === 'rollback') && !isNodeFinished(n.status)))
}

/** Locks, freeze windows and deploy queues of the given projects, read in two requests. */
export async function loadBlockedEnvironments(admin: SupabaseClient, projectIds: string[]): Promise<BlockedEnvironments> {
  const ids = [...new Set(projectIds)]
  const [blocked, queued] = await Promise.all([
    admin.rpc('engine_blocked_environments', { _project_ids: ids }),
    admin.from('deploy_queue_positions').select('project_id, environment, execution_id, node_id, position')
      .in('project_id', ids).order('environment').order('position'),
  ])
  if (blocked.error) throw new Error(`loading locked environments: ${blocked.error.message}`)
  if (queued.error) throw new Error(`loading deploy queues: ${queued.error.message}`)
  const map = new Map<string, { blocked: Map<string, EnvironmentBlock>; queues: Map<string, QueuedDeploy[]> }>()
  const gates = (projectId: string) => {
    let g = map.get(projectId)
    if (!g) map.set(projectId, g = { blocked: new Map(), queues: new Map() })
    return g
  }
  for (const row of blocked.data as { project_id: string; environment: string; kind: 'lock' | 'freeze'; message: string; break_glass_users: string[] | null }[]) {
    const g = gates(row.project_id)
    if (!g.blocked.has(row.environment)) {
      g.blocked.set(row.environment, { kind: row.kind, message: row.message, breakGlassUsers: row.break_glass_users ?? [] })
    }
  }
  for (const row of queued.data as { project_id: string; environment: string; execution_id: string; node_id: string }[]) {
    const queues = gates(row.project_id).queues
    queues.set(row.environment, [...(queues.get(row.environment) ?? []), { executionId: row.execution_id, nodeId: row.node_id }])
  }
  return map
}
