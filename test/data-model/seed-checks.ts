// Pure checks the seed-runs test applies to what the seed wrote: the same rules and transition tables the
// engine uses (supabase/functions/_shared/pipeline), so a seeded row the engine could not have produced fails.
import { configSchemas, isNodeKind } from '../../supabase/functions/_shared/pipeline/kinds.ts'
import { validateGraph, type EnvironmentRule, type GraphIssue } from '../../supabase/functions/_shared/pipeline/graph.ts'
import { fromStored, toPipeline } from '../../supabase/functions/_shared/pipeline/stored.ts'
import { deriveExecutionStatus } from '../../supabase/functions/_shared/pipeline/engine.ts'
import {
  EXECUTION_TRANSITIONS, NODE_TRANSITIONS, type ExecutionStatus, type NodeStatus,
} from '../../supabase/functions/_shared/pipeline/statuses.ts'

/** Problems with a stored graph: not in the builder's form, an error from the rules, or a config the engine rejects. */
export function graphProblems(graph: { nodes: unknown; edges: unknown }, environments: EnvironmentRule[]): string[] {
  const draft = fromStored(graph)
  if (!draft.ok) return draft.errors
  const errors = validateGraph(draft.value, { environments }).filter((i: GraphIssue) => i.severity === 'error')
  const runnable = toPipeline(draft.value)
  return [...errors.map((i) => `${i.code}: ${i.message}`), ...(runnable.ok ? [] : runnable.errors)]
}

export interface NodeRow { node_id: string; kind: string; config: unknown; status: NodeStatus; started_at: Date | null; finished_at: Date | null }
export interface EventRow { node_id: string | null; old_state: string | null; new_state: string }

/** Problems with one run: node kinds and configs, its status against its nodes, and every status change in its events. */
export function runProblems(status: ExecutionStatus, nodes: NodeRow[], events: EventRow[]): string[] {
  const problems: string[] = []
  for (const n of nodes) {
    if (!isNodeKind(n.kind)) problems.push(`${n.node_id}: unknown kind ${n.kind}`)
    else if (!configSchemas[n.kind].safeParse(n.config).success) problems.push(`${n.node_id}: invalid ${n.kind} config`)
    if (n.started_at && n.finished_at && n.finished_at < n.started_at) problems.push(`${n.node_id}: finished before it started`)
  }
  if (status !== 'cancelled') {
    const derived = deriveExecutionStatus({ status: 'running', nodes: nodes.map((n) => ({ ...n, id: n.node_id, started_at: null, finished_at: null, attempt: 1 })), edges: [] })
    if (derived !== status) problems.push(`run is ${status} but its nodes say ${derived}`)
  }
  // Each node's events, and the run's, must chain from its first state through legal steps to where it is now.
  const chains = new Map<string | null, EventRow[]>()
  for (const e of events) chains.set(e.node_id, [...(chains.get(e.node_id) ?? []), e])
  const run = chains.get(null) ?? []
  problems.push(...chain('run', 'queued', run, status, EXECUTION_TRANSITIONS as Record<string, readonly string[]>))
  for (const n of nodes) {
    problems.push(...chain(n.node_id, 'pending', chains.get(n.node_id) ?? [], n.status, NODE_TRANSITIONS as Record<string, readonly string[]>, true))
  }
  return problems
}

function chain(what: string, first: string, events: EventRow[], now: string, legal: Record<string, readonly string[]>, reusable = false): string[] {
  // A rerun's reused nodes carry results over without events of their own.
  if (reusable && events.length === 0 && now !== first) return []
  let at = first
  for (const e of events) {
    if (e.old_state !== at) return [`${what}: event from ${e.old_state} while it was ${at}`]
    if (!legal[at]?.includes(e.new_state)) return [`${what}: illegal ${at} → ${e.new_state}`]
    at = e.new_state
  }
  return at === now ? [] : [`${what}: events end at ${at}, row says ${now}`]
}
