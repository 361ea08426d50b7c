import { topologicalOrder } from './graph-walk.ts'
import { runningStep, startStep, waitingStep, type RuleContext, type Step } from './node-rules.ts'
import { edgeFires, isExecutionFinished, isNodeFinished, type ExecutionStatus } from './statuses.ts'
import type { EngineEdge, EngineNode, ExecutionSnapshot, NodeTransition, TickInput, Transition } from './engine-types.ts'

/**
 * The engine's state machine. Pure: it reads a snapshot and returns the transitions to apply, in the order to
 * apply them (predecessors before successors, a deploy to staging before the one to prod that follows it).
 *
 * How the database layer applies a list: in one transaction, each node transition as
 * `update execution_nodes set status = to, ... where id = nodeId and status = from` and the execution one as
 * the same on executions, performing a transition's effects and writing its execution_state_events row only
 * when its update matched a row. If any update matches nothing, another tick got there first: roll back and
 * recompute from a fresh snapshot. So running the same tick twice, or two instances at once, never doubles a
 * transition or an effect.
 *
 * One tick goes as far as it can at `now`: instant nodes (source, checkpoint, notify, parallel group, rollback)
 * start and finish in the same tick and their successors start too; timed ones wait for a later tick.
 * A node runs when every incoming edge fires (AND join) and is skipped as soon as one cannot.
 */
export function tick(snapshot: ExecutionSnapshot, input: TickInput): Transition[] {
  if (isExecutionFinished(snapshot.status)) return []
  const now = toMillis(input.now)
  const at = new Date(now).toISOString()
  const ctx: RuleContext = { now, nowIso: at, version: snapshot.version ?? 'unversioned', input }
  const transitions: Transition[] = []
  let state = snapshot

  if (state.status === 'queued') {
    transitions.push(executionTransition('queued', 'running', 'started', at))
    state = { ...state, status: 'running' }
  }

  const { order, blocked } = topologicalOrder(state.nodes.map((n) => n.id), state.edges)
  const incoming = incomingEdges(state.edges)
  const walk = [...order, ...blocked]

  for (let changed = true; changed;) {
    changed = false
    for (const id of walk) {
      const node = state.nodes.find((n) => n.id === id)!
      const step = nextStep(node, incoming.get(id) ?? [], state, ctx)
      if (!step) continue
      const t = nodeTransition(node, step, at)
      transitions.push(t)
      state = applyTransitions(state, [t])
      changed = true
    }
  }

  // Nodes that still wait on predecessors while nothing can move again sit behind a cycle.
  if (!state.nodes.some((n) => n.status === 'running' || n.status === 'waiting')) {
    for (const node of state.nodes.filter((n) => n.status === 'pending')) {
      const t = nodeTransition(node, { to: 'skipped', reason: 'blocked_by_cycle', effects: [] }, at)
      transitions.push(t)
      state = applyTransitions(state, [t])
    }
  }

  const target = deriveExecutionStatus(state)
  if (target !== state.status) {
    const onlyDeploysWait = state.nodes.every((n) => n.status !== 'waiting' || n.kind === 'deploy')
    const reason = target === 'paused' ? (onlyDeploysWait ? 'awaiting_environment' : 'awaiting_approval')
      : target === 'running' ? 'resumed' : 'finished'
    transitions.push(executionTransition(state.status, target, reason, at))
  }
  return transitions
}

/** Cancels a run: every unfinished node becomes cancelled (open approval requests are closed), then the run. */
export function cancel(snapshot: ExecutionSnapshot, input: { now: Date | string | number }): Transition[] {
  if (isExecutionFinished(snapshot.status)) return []
  const at = new Date(toMillis(input.now)).toISOString()
  const transitions: Transition[] = snapshot.nodes
    .filter((n) => !isNodeFinished(n.status))
    .map((n) => nodeTransition(n, {
      to: 'cancelled', reason: 'cancelled',
      effects: n.status === 'waiting' && n.kind === 'approval' ? [{ type: 'close_approval', nodeId: n.id, outcome: 'cancelled' }] : [],
    }, at))
  transitions.push(executionTransition(snapshot.status, 'cancelled', 'cancelled', at))
  return transitions
}

/**
 * The status the execution should have given its nodes: finished when every node is (failed if any node
 * failed, even one a failure edge handled; else warning if any warned; else success), paused when the only
 * unfinished work is waiting (approval gates, deploys queued for their environment), running otherwise. Queued and cancelled are kept as they are.
 */
export function deriveExecutionStatus(snapshot: ExecutionSnapshot): ExecutionStatus {
  if (snapshot.status === 'queued' || isExecutionFinished(snapshot.status)) return snapshot.status
  const statuses = snapshot.nodes.map((n) => n.status)
  if (statuses.every(isNodeFinished)) {
    if (statuses.includes('failed')) return 'failed'
    if (statuses.includes('warning')) return 'warning'
    return 'success'
  }
  if (statuses.includes('waiting') && !statuses.includes('running')) return 'paused'
  return 'running'
}

/** Share of nodes finished (skipped, cancelled and reused ones included), 0–100. */
export function progress(snapshot: Pick<ExecutionSnapshot, 'nodes'>): number {
  if (snapshot.nodes.length === 0) return 100
  const done = snapshot.nodes.filter((n) => isNodeFinished(n.status)).length
  return Math.round((done / snapshot.nodes.length) * 100)
}

/**
 * Applies transitions to a snapshot the way the database does: a transition whose `from` no longer matches is
 * ignored. Starting sets started_at, finishing sets finished_at.
 */
export function applyTransitions(snapshot: ExecutionSnapshot, transitions: readonly Transition[]): ExecutionSnapshot {
  let next = snapshot
  for (const t of transitions) {
    if (t.scope === 'execution') {
      if (next.status === t.from) next = { ...next, status: t.to }
      continue
    }
    next = {
      ...next,
      nodes: next.nodes.map((n) => {
        if (n.id !== t.nodeId || n.status !== t.from) return n
        // Released from a deploy queue, a deploy's rollout clock starts again.
        const starts = (t.from === 'pending' && (t.to === 'running' || t.to === 'waiting')) || (t.from === 'waiting' && t.to === 'running')
        return {
          ...n,
          status: t.to,
          started_at: starts ? t.at : n.started_at,
          finished_at: isNodeFinished(t.to) ? t.at : n.finished_at,
        }
      }),
    }
  }
  return next
}

function nextStep(node: EngineNode, incoming: EngineEdge[], state: ExecutionSnapshot, ctx: RuleContext): Step | null {
  switch (node.status) {
    case 'pending': {
      const preds = incoming.map((e) => ({ edge: e, status: state.nodes.find((n) => n.id === e.source)?.status }))
      if (preds.some((p) => p.status !== undefined && isNodeFinished(p.status) && !edgeFires(p.edge.on, p.status))) {
        return { to: 'skipped', reason: 'path_not_taken', effects: [] }
      }
      const ready = preds.every((p) => p.status !== undefined && edgeFires(p.edge.on, p.status))
      return ready ? startStep(node, ctx) : null
    }
    case 'running': return runningStep(node, ctx)
    case 'waiting': return waitingStep(node, ctx)
    default: return null
  }
}

function incomingEdges(edges: readonly EngineEdge[]): Map<string, EngineEdge[]> {
  const map = new Map<string, EngineEdge[]>()
  for (const e of edges) map.set(e.target, [...(map.get(e.target) ?? []), e])
  return map
}

function nodeTransition(node: EngineNode, step: Step, at: string): NodeTransition {
  return {
    scope: 'node', nodeId: node.id, from: node.status, to: step.to, reason: step.reason, at, effects: step.effects,
    ...(step.detail === undefined ? {} : { detail: step.detail }),
  }
}

function executionTransition(from: ExecutionStatus, to: ExecutionStatus, reason: Extract<Transition, { scope: 'execution' }>['reason'], at: string): Transition {
  return { scope: 'execution', nodeId: null, from, to, reason, at, effects: [] }
}

function toMillis(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (Number.isNaN(ms)) throw new TypeError(`not a time: ${String(value)}`)
  return ms
}
