import { configSchemas, isNodeKind, type NodeConfig, type StepOutcome } from './kinds.ts'
import type { Effect, EngineNode, NodeReason, TickInput } from './engine-types.ts'
import type { NodeStatus } from './statuses.ts'

/** What a node does next: a status change with its reason and effects. */
export interface Step {
  to: NodeStatus
  reason: NodeReason
  detail?: string
  effects: Effect[]
}

export interface RuleContext {
  now: number
  nowIso: string
  version: string
  input: TickInput
}

const OUTCOME_STATUS = { success: 'success', failure: 'failed', warning: 'warning' } as const satisfies Record<StepOutcome, NodeStatus>

type Parsed = { ok: true; kind: keyof typeof configSchemas; config: NodeConfig<keyof typeof configSchemas> } | { ok: false; step: Step }

function parse(node: EngineNode): Parsed {
  if (!isNodeKind(node.kind)) return { ok: false, step: { to: 'failed', reason: 'unknown_kind', detail: node.kind, effects: [] } }
  const parsed = configSchemas[node.kind].safeParse(node.config ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ')
    return { ok: false, step: { to: 'failed', reason: 'invalid_config', detail, effects: [] } }
  }
  return { ok: true, kind: node.kind, config: parsed.data }
}

/** A deploy held by its environment: it waits in the environment's queue. */
function holdStep(node: EngineNode, message: string): Step {
  const environment = String((node.config as { environment?: unknown } | null)?.environment ?? '')
  return { to: 'waiting', reason: 'waiting_for_environment', detail: message, effects: [{ type: 'enqueue_deploy', nodeId: node.id, environment, message }] }
}

const holdFor = (node: EngineNode, ctx: RuleContext) => node.kind === 'deploy' ? ctx.input.holds?.find((h) => h.nodeId === node.id) : undefined

/** A pending node whose inputs are satisfied: approvals start waiting (opening a request), held deploys queue, others run. */
export function startStep(node: EngineNode, ctx: RuleContext): Step {
  const hold = holdFor(node, ctx)
  if (hold) return holdStep(node, hold.message)
  if (node.kind !== 'approval') return { to: 'running', reason: 'ready', effects: [] }
  const parsed = parse(node)
  const config = parsed.ok ? (parsed.config as NodeConfig<'approval'>) : { required_approvals: 1 }
  const expires = config.timeout_minutes ? new Date(ctx.now + config.timeout_minutes * 60_000).toISOString() : null
  return {
    to: 'waiting',
    reason: 'ready',
    effects: [{
      type: 'request_approval', nodeId: node.id, environment: config.environment ?? null,
      required_approvals: config.required_approvals, expires_at: expires,
    }],
  }
}

/** A running node: its finishing step if it is done at `now`, else null (still running). */
export function runningStep(node: EngineNode, ctx: RuleContext): Step | null {
  const parsed = parse(node)
  if (!parsed.ok) return parsed.step
  const elapsed = ctx.now - Date.parse(node.started_at ?? ctx.nowIso)
  const external = ctx.input.results?.find((r) => r.nodeId === node.id)
  const id = node.id
  const refusal = ctx.input.refusals?.find((r) => r.nodeId === id)
  if (refusal && (parsed.kind === 'deploy' || parsed.kind === 'rollback')) {
    return { to: 'failed', reason: 'deploy_refused', detail: refusal.message, effects: [] }
  }

  switch (parsed.kind) {
    case 'source':
    case 'parallel_group':
      return { to: 'success', reason: 'completed', effects: [] }
    case 'checkpoint': {
      const { label } = parsed.config as NodeConfig<'checkpoint'>
      return { to: 'success', reason: 'completed', effects: [{ type: 'snapshot_checkpoint', nodeId: id, label: label ?? null }] }
    }
    case 'notify': {
      const { channel, message } = parsed.config as NodeConfig<'notify'>
      return { to: 'success', reason: 'completed', effects: [{ type: 'notify', nodeId: id, channel, message }] }
    }
    case 'wait': {
      const { duration_ms } = parsed.config as NodeConfig<'wait'>
      return elapsed >= duration_ms ? { to: 'success', reason: 'waited', effects: [] } : null
    }
    case 'rollback': {
      const { environment, to_version } = parsed.config as NodeConfig<'rollback'>
      return {
        to: 'success', reason: 'completed',
        effects: [{ type: 'rollback_deployment', nodeId: id, environment, to_version: to_version ?? null }],
      }
    }
    case 'deploy': {
      const { environment, strategy, duration_ms, version } = parsed.config as NodeConfig<'deploy'>
      if (ctx.input.lockedEnvironments?.includes(environment)) {
        return { to: 'failed', reason: 'environment_locked', detail: environment, effects: [] }
      }
      const hold = holdFor(node, ctx)
      if (hold) return holdStep(node, hold.message)
      if (elapsed < duration_ms) return null
      return {
        to: 'success', reason: 'deployed',
        effects: [{ type: 'record_deployment', nodeId: id, environment, version: version ?? ctx.version, strategy }],
      }
    }
    case 'approval':
      return { to: 'failed', reason: 'invalid_config', detail: 'an approval gate never runs, it waits', effects: [] }
    default: {
      // Every work stage, whatever its flow type: the executor decides how it ends.
      const { executor } = parsed.config as NodeConfig<'build'>
      if (external) {
        const level = external.outcome === 'success' ? 'info' : external.outcome === 'warning' ? 'warn' : 'error'
        return {
          to: OUTCOME_STATUS[external.outcome], reason: external.reason ?? 'external_result',
          ...(external.detail ? { detail: external.detail } : {}),
          effects: external.lines?.length ? [{ type: 'log', nodeId: id, lines: external.lines, level }] : [],
        }
      }
      if (executor.type === 'github_workflow') {
        // Finished by its workflow_run (a result above); until then only the timeout can end it.
        if (elapsed < executor.timeout_minutes * 60_000) return null
        return { to: 'failed', reason: 'timed_out', detail: `timed out waiting for workflow run (${executor.timeout_minutes} min)`, effects: [] }
      }
      if (elapsed < executor.duration_ms) return null
      const outcome = node.attempt <= (executor.fail_attempts ?? 0) ? 'failure' : executor.outcome
      const lines = [...executor.log_lines, `[simulated] ${parsed.kind} finished: ${outcome}`]
      return { to: OUTCOME_STATUS[outcome], reason: 'simulated_finished', effects: [{ type: 'write_logs', nodeId: id, lines }] }
    }
  }
}

/**
 * A waiting node. A queued deploy runs once nothing holds it (its environment is open and it is first in the
 * queue). An approval gate is decided by the input's decision, failed once its timeout passes, else null.
 */
export function waitingStep(node: EngineNode, ctx: RuleContext): Step | null {
  if (node.kind === 'deploy') {
    if (holdFor(node, ctx)) return null
    const environment = String((node.config as { environment?: unknown } | null)?.environment ?? '')
    return { to: 'running', reason: 'environment_open', effects: [{ type: 'dequeue_deploy', nodeId: node.id, environment }] }
  }
  const decision = ctx.input.decisions?.find((d) => d.nodeId === node.id)
  if (decision?.expiresAt) {
    if (ctx.now >= Date.parse(decision.expiresAt)) {
      return {
        to: 'failed', reason: 'approval_expired', ...(decision.comment ? { detail: decision.comment } : {}),
        effects: [{ type: 'close_approval', nodeId: node.id, outcome: 'expired' }],
      }
    }
  } else if (decision) {
    const outcome = decision.approved ? 'approved' : 'rejected'
    return {
      to: decision.approved ? 'success' : 'failed', reason: outcome,
      ...(decision.comment ? { detail: decision.comment } : {}),
      effects: [{ type: 'close_approval', nodeId: node.id, outcome }],
    }
  }
  const parsed = parse(node)
  const timeout = parsed.ok ? (parsed.config as NodeConfig<'approval'>).timeout_minutes : undefined
  if (timeout && node.started_at && ctx.now - Date.parse(node.started_at) >= timeout * 60_000) {
    return { to: 'failed', reason: 'approval_expired', effects: [{ type: 'close_approval', nodeId: node.id, outcome: 'expired' }] }
  }
  return null
}
