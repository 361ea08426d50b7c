import type { ExecutionSnapshot } from './engine-types.ts'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** How long a running node lasts by its config: a simulated step's executor, or a wait's or deploy's duration. */
function durationOf(config: unknown): number | null {
  if (!isRecord(config)) return null
  const executor = config.executor
  if (isRecord(executor)) return executor.type === 'simulated' && typeof executor.duration_ms === 'number' ? executor.duration_ms : null
  return typeof config.duration_ms === 'number' ? config.duration_ms : null
}

/**
 * When the next tick could move this run without anyone acting: the earliest moment a running timed node (a
 * simulated step, a wait, a deploy with a rollout time) reaches its duration, in epoch ms; null when nothing is
 * timed (people, webhooks or a lock decide). A tick at that moment finishes the node and starts what follows.
 */
export function nextDueAt(snapshot: Pick<ExecutionSnapshot, 'status' | 'nodes'>): number | null {
  if (snapshot.status !== 'running' && snapshot.status !== 'queued') return null
  let due: number | null = null
  for (const node of snapshot.nodes) {
    if (node.status !== 'running' || !node.started_at) continue
    const ms = durationOf(node.config)
    if (ms === null) continue
    const at = Date.parse(node.started_at) + ms
    if (Number.isFinite(at)) due = due === null ? at : Math.min(due, at)
  }
  return due
}
