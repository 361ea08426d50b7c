// Pure: turns a finished run's rows into the rerun's plan and the new attempt's node rows.
import type { ExecutionSnapshot } from '../_shared/pipeline/engine-types.ts'
import { planRerun, rerunSnapshot, type RerunPlan } from '../_shared/pipeline/rerun.ts'
import type { ExecutionStatus, NodeStatus } from '../_shared/pipeline/statuses.ts'
import { readStoredGraph } from '../_shared/engine/stored-graph.ts'
import { conflict } from '../_shared/http.ts'

export interface NodeRow {
  node_id: string
  name: string
  kind: string
  config: unknown
  status: NodeStatus
  started_at: string | null
  finished_at: string | null
  duration_ms: number | null
  attempt: number
  output: Record<string, unknown> | null
}

export interface RunRow {
  id: string
  status: ExecutionStatus
  version: string | null
  graph: unknown
  execution_nodes: NodeRow[]
}

const REFUSALS = {
  not_finished: 'The run has not finished; wait for it or cancel it before rerunning it',
  no_checkpoint: 'The run passed no checkpoint, so there is nothing to rerun from; start the pipeline again instead',
  checkpoint_not_passed: 'That checkpoint did not pass in this run, so the rerun cannot start there',
} as const

export function snapshotOf(run: RunRow): ExecutionSnapshot {
  const read = readStoredGraph(run.graph)
  const ids = new Set(run.execution_nodes.map((n) => n.node_id))
  return {
    status: run.status,
    version: run.version,
    nodes: run.execution_nodes.map((n) => ({
      id: n.node_id, kind: n.kind, config: n.config, status: n.status,
      started_at: n.started_at, finished_at: n.finished_at, attempt: n.attempt,
    })),
    edges: read.ok ? read.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) : [],
  }
}

/** The plan for rerunning `run` from `checkpointNodeId` (or its last passed checkpoint); 409 when it cannot be. */
export function planFor(run: RunRow, checkpointNodeId?: string): RerunPlan {
  if (run.status === 'success' || run.status === 'warning') {
    throw conflict(`The run finished with ${run.status}; only a failed or cancelled run can be rerun`, { status: run.status })
  }
  if (run.status !== 'failed' && run.status !== 'cancelled') throw conflict(REFUSALS.not_finished, { status: run.status })
  const result = planRerun(snapshotOf(run), checkpointNodeId)
  if (!result.ok) throw conflict(REFUSALS[result.reason], { reason: result.reason })
  return result.plan
}

/** The new attempt's execution_nodes rows: reused results keep status, times and output (marked reused). */
export function rerunRows(run: RunRow, plan: RerunPlan, executionId: string) {
  const next = new Map(rerunSnapshot(snapshotOf(run), plan).nodes.map((n) => [n.id, n]))
  return run.execution_nodes.map((row) => {
    const node = next.get(row.node_id)!
    const base = { execution_id: executionId, node_id: row.node_id, name: row.name, kind: row.kind, config: row.config, attempt: node.attempt }
    if (!node.reused) return { ...base, status: 'pending' as const }
    return {
      ...base,
      status: row.status,
      started_at: row.started_at,
      finished_at: row.finished_at,
      duration_ms: row.duration_ms,
      output: { ...(row.output ?? {}), reused: true, reused_from: run.id },
    }
  })
}
