import type { EdgeCondition } from './kinds.ts'

/** A node's life: pending → running|waiting → success|failed|warning, or skipped/cancelled without finishing. */
export const NODE_STATUSES = ['pending', 'running', 'waiting', 'success', 'failed', 'warning', 'skipped', 'cancelled'] as const
export type NodeStatus = (typeof NODE_STATUSES)[number]

/** An execution's life: queued → running ⇄ paused → success|failed|warning|cancelled. */
export const EXECUTION_STATUSES = ['queued', 'running', 'paused', 'success', 'failed', 'warning', 'cancelled'] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]

const FINISHED_NODE: ReadonlySet<NodeStatus> = new Set(['success', 'failed', 'warning', 'skipped', 'cancelled'])
const FINISHED_EXECUTION: ReadonlySet<ExecutionStatus> = new Set(['success', 'failed', 'warning', 'cancelled'])

export const isNodeFinished = (status: NodeStatus) => FINISHED_NODE.has(status)
export const isExecutionFinished = (status: ExecutionStatus) => FINISHED_EXECUTION.has(status)

/**
 * Whether a finished predecessor lets an edge fire. A warning counts as passing. `always` fires after any
 * outcome, including a skipped predecessor (like `if: always()` in GitHub Actions), but not after cancel.
 */
export function edgeFires(on: EdgeCondition, predecessor: NodeStatus): boolean {
  switch (on) {
    case 'success': return predecessor === 'success' || predecessor === 'warning'
    case 'failure': return predecessor === 'failed'
    case 'always': return isNodeFinished(predecessor) && predecessor !== 'cancelled'
  }
}

/**
 * Legal node status changes; the database enforces the same table. running → waiting and waiting → running
 * are for deploy nodes only (held in an environment's queue, then released).
 */
export const NODE_TRANSITIONS: Record<NodeStatus, readonly NodeStatus[]> = {
  pending: ['running', 'waiting', 'skipped', 'cancelled'],
  running: ['success', 'failed', 'warning', 'cancelled', 'waiting'],
  waiting: ['success', 'failed', 'cancelled', 'running'],
  success: [],
  failed: [],
  warning: [],
  skipped: [],
  cancelled: [],
}

/** Legal execution status changes; the database enforces the same table. */
export const EXECUTION_TRANSITIONS: Record<ExecutionStatus, readonly ExecutionStatus[]> = {
  queued: ['running', 'cancelled'],
  running: ['paused', 'success', 'failed', 'warning', 'cancelled'],
  paused: ['running', 'success', 'failed', 'warning', 'cancelled'],
  success: [],
  failed: [],
  warning: [],
  cancelled: [],
}
