import type { EdgeCondition, StepOutcome } from './kinds.ts'
import type { ExecutionStatus, NodeStatus } from './statuses.ts'

/** One execution_nodes row as the engine sees it. */
export interface EngineNode {
  id: string
  kind: string
  config: unknown
  status: NodeStatus
  started_at: string | null
  finished_at: string | null
  attempt: number
  /** Set on a rerun for results carried over from the earlier attempt. */
  reused?: boolean
}

export interface EngineEdge {
  source: string
  target: string
  on: EdgeCondition
}

/** Everything the engine needs to decide what happens next; read in one query, no locks required. */
export interface ExecutionSnapshot {
  status: ExecutionStatus
  /** What deploys ship unless a deploy node names its own version (a commit sha, a tag). */
  version?: string | null
  nodes: EngineNode[]
  edges: EngineEdge[]
}

/** Side effects, described as data; the database layer performs each one with the transition that carries it. */
export type Effect =
  | { type: 'request_approval'; nodeId: string; environment: string | null; required_approvals: number; expires_at: string | null }
  | { type: 'close_approval'; nodeId: string; outcome: 'approved' | 'rejected' | 'expired' | 'cancelled' }
  | { type: 'record_deployment'; nodeId: string; environment: string; version: string; strategy: string }
  | { type: 'rollback_deployment'; nodeId: string; environment: string; to_version: string | null }
  | { type: 'write_logs'; nodeId: string; lines: string[] }
  | { type: 'snapshot_checkpoint'; nodeId: string; label: string | null }
  | { type: 'notify'; nodeId: string; channel: string; message: string }
  | { type: 'log'; nodeId: string; lines: string[]; level?: 'info' | 'warn' | 'error'; metadata?: Record<string, unknown> }
  /** The deploy joins its environment's queue (deploy_queue), saying why it waits. */
  | { type: 'enqueue_deploy'; nodeId: string; environment: string; message: string }
  /** The deploy leaves the queue: its rollout starts now. */
  | { type: 'dequeue_deploy'; nodeId: string; environment: string }

export type NodeReason =
  | 'ready' | 'path_not_taken' | 'blocked_by_cycle' | 'completed' | 'simulated_finished' | 'external_result'
  | 'approved' | 'rejected' | 'approval_expired' | 'deployed' | 'environment_locked' | 'invalid_config'
  | 'unknown_kind' | 'cancelled' | 'waited' | 'deploy_refused' | 'workflow_finished' | 'dispatch_failed' | 'timed_out'
  | 'waiting_for_environment' | 'environment_open'

export type ExecutionReason = 'started' | 'awaiting_approval' | 'awaiting_environment' | 'resumed' | 'finished' | 'cancelled'

/**
 * One status change. The database applies it as a conditional update
 * (`update ... set status = to where id = nodeId and status = from`); a second tick computed from the same
 * snapshot produces the same `from`, matches no row and so changes nothing. That is what makes ticks idempotent.
 */
export type Transition =
  | { scope: 'node'; nodeId: string; from: NodeStatus; to: NodeStatus; reason: NodeReason; detail?: string; at: string; effects: Effect[] }
  | { scope: 'execution'; nodeId: null; from: ExecutionStatus; to: ExecutionStatus; reason: ExecutionReason; at: string; effects: Effect[] }

export type NodeTransition = Extract<Transition, { scope: 'node' }>

/** An approval_request's final decision, handed to the tick that should act on it. */
export interface ApprovalDecision {
  nodeId: string
  approved: boolean
  comment?: string
  /**
   * The request is still open but expires at this time (an approval policy's expiry): from then on the gate
   * fails with reason approval_expired and `comment` saying what it still needed; before then it waits.
   */
  expiresAt?: string
}

/** A result reported from outside (a workflow_run webhook, a refused dispatch) for a running work stage. */
export interface StepResult {
  nodeId: string
  outcome: StepOutcome
  /** Default 'external_result'. */
  reason?: 'external_result' | 'workflow_finished' | 'dispatch_failed'
  detail?: string
  /** Log lines written with the finish. */
  lines?: string[]
}

export interface TickInput {
  now: Date | string | number
  decisions?: readonly ApprovalDecision[]
  results?: readonly StepResult[]
  /** Environments under a lock or freeze window: a deploy into one fails instead of shipping. */
  lockedEnvironments?: readonly string[]
  /** Deploys and rollbacks the database refused (missing approval, no such environment): they fail with its message. */
  refusals?: readonly DeployRefusal[]
  /**
   * Deploy nodes that must wait now (their environment is locked or frozen, or other deploys queue ahead):
   * a pending or running one starts waiting in the queue, a waiting one stays. A waiting deploy not listed
   * here is released and runs.
   */
  holds?: readonly DeployHold[]
}

/** Why one deploy node waits, e.g. "waiting for lock on prod (position 2): environment prod is locked: …". */
export interface DeployHold {
  nodeId: string
  message: string
}

/** The deploy guard's answer for one deploy or rollback node, in its own words. */
export interface DeployRefusal {
  nodeId: string
  message: string
}
