// The simulated executor's voice: a first line saying nothing real runs, then the configured lines spread
// across the step's duration, so someone watching sees them arrive as a real step's would.
import { simulatedExecutorSchema } from '../pipeline/kinds.ts'
import { WORK_KINDS } from '../pipeline/kinds.ts'
import type { EngineNode, Transition } from '../pipeline/engine-types.ts'

export interface StreamedLines {
  node_id: string
  /** Lines already written (the cursor the database checks). */
  after: number
  lines: string[]
}

function executorOf(node: Pick<EngineNode, 'kind' | 'config'>) {
  if (!(WORK_KINDS as readonly string[]).includes(node.kind)) return null
  const executor = (node.config as { executor?: unknown } | null)?.executor
  const parsed = simulatedExecutorSchema.safeParse(executor)
  return parsed.success ? parsed.data : null
}

/** The opening line a simulated step writes when it starts. */
export function simulatedBanner(node: Pick<EngineNode, 'kind' | 'config'>): string | null {
  const executor = executorOf(node)
  if (!executor) return null
  return `simulated executor: this ${node.kind.replaceAll('_', ' ')} step runs nothing real; it lasts ${executor.duration_ms} ms and ends in ${executor.outcome}`
}

/** Adds the banner line to every transition that starts a simulated step. */
export function withBanners(transitions: Transition[], nodes: readonly EngineNode[]): Transition[] {
  return transitions.map((t) => {
    if (t.scope !== 'node' || t.from !== 'pending' || t.to !== 'running') return t
    const node = nodes.find((n) => n.id === t.nodeId)
    const banner = node && simulatedBanner(node)
    if (!banner) return t
    const log = { type: 'log', nodeId: t.nodeId, lines: [banner], metadata: { simulated: true } }
    return { ...t, effects: [log as never, ...t.effects] }
  })
}

/**
 * Lines due by `now` for running simulated steps and not written yet: line i of n is due at
 * started_at + duration × (i + 1) / (n + 1); the step's finish writes whatever is left.
 */
export function dueLines(nodes: readonly EngineNode[], written: ReadonlyMap<string, number>, now: number, finishing: ReadonlySet<string>): StreamedLines[] {
  const out: StreamedLines[] = []
  for (const node of nodes) {
    if (node.status !== 'running' || !node.started_at || finishing.has(node.id)) continue
    const executor = executorOf(node)
    if (!executor || executor.log_lines.length === 0) continue
    const n = executor.log_lines.length
    const elapsed = now - Date.parse(node.started_at)
    const due = Math.min(n, Math.floor((elapsed * (n + 1)) / Math.max(1, executor.duration_ms)))
    const after = written.get(node.id) ?? 0
    if (due > after) out.push({ node_id: node.id, after, lines: executor.log_lines.slice(after, due) })
  }
  return out
}
