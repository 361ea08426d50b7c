// Small builders shared by the pipeline tests (and handy for seeds and benchmarks).
import { isWorkKind, type EdgeCondition, type StepOutcome } from './kinds.ts'
import type { EngineNode, ExecutionSnapshot, TickInput, Transition } from './engine-types.ts'
import { applyTransitions, tick } from './engine.ts'
import type { ExecutionStatus } from './statuses.ts'

/** A simulated work-stage config. */
export function simulated(duration_ms: number, outcome: StepOutcome = 'success', log_lines: string[] = []) {
  return { executor: { type: 'simulated' as const, duration_ms, outcome, log_lines } }
}

export type NodeSpec = [id: string, kind: string, config?: Record<string, unknown>]
export type EdgeSpec = [source: string, target: string, on?: EdgeCondition]

/** A config that passes its kind's schema, for tests that do not care about config. */
export function defaultConfig(kind: string): Record<string, unknown> {
  if (isWorkKind(kind)) return simulated(0)
  switch (kind) {
    case 'source': return { repository: 'acme/shop' }
    case 'deploy': return { environment: 'staging' }
    case 'rollback': return { environment: 'staging' }
    case 'notify': return { message: 'done' }
    case 'wait': return { duration_ms: 0 }
    default: return {}
  }
}

/** A pipeline graph from compact specs. */
export function graph(nodes: NodeSpec[], edges: EdgeSpec[]) {
  return {
    nodes: nodes.map(([id, kind, config]) => ({ id, kind, config: config ?? defaultConfig(kind) })),
    edges: edges.map(([source, target, on]) => ({ source, target, on: on ?? 'success' as EdgeCondition })),
  }
}

/** A fresh execution snapshot (every node pending) from compact specs. */
export function execution(nodes: NodeSpec[], edges: EdgeSpec[], status: ExecutionStatus = 'queued'): ExecutionSnapshot {
  const g = graph(nodes, edges)
  return {
    status,
    version: 'v1.2.3',
    nodes: g.nodes.map((n): EngineNode => ({ ...n, status: 'pending', started_at: null, finished_at: null, attempt: 1 })),
    edges: g.edges,
  }
}

export const T0 = Date.parse('2026-01-01T00:00:00.000Z')

/** Ticks once and applies the result, as the database layer would. */
export function step(snapshot: ExecutionSnapshot, input: TickInput): { state: ExecutionSnapshot; transitions: Transition[] } {
  const transitions = tick(snapshot, input)
  return { state: applyTransitions(snapshot, transitions), transitions }
}

/** Node statuses by id, for compact assertions. */
export function statuses(snapshot: ExecutionSnapshot): Record<string, string> {
  return Object.fromEntries(snapshot.nodes.map((n) => [n.id, n.status]))
}

/** The node transitions as "id:from→to" strings, in order. */
export function moves(transitions: readonly Transition[]): string[] {
  return transitions.map((t) => `${t.nodeId ?? 'execution'}:${t.from}→${t.to}`)
}
