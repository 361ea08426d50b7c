import { adjacency, ancestors, topologicalOrder } from './graph-walk.ts'
import { isExecutionFinished } from './statuses.ts'
import type { ExecutionSnapshot } from './engine-types.ts'

/** Which results a rerun carries over (the checkpoint and everything before it) and which nodes run again. */
export interface RerunPlan {
  checkpointId: string
  reused: string[]
  rerun: string[]
}

export type RerunResult = { ok: true; plan: RerunPlan } | { ok: false; reason: 'not_finished' | 'no_checkpoint' | 'checkpoint_not_passed' }

/**
 * Plans a rerun of a finished execution from a checkpoint that passed: the given one, or else the last one
 * to pass (latest finished_at; on a tie, the one further down the graph). Results reused keep their status and
 * times; every other node runs again.
 */
export function planRerun(snapshot: ExecutionSnapshot, checkpointId?: string): RerunResult {
  if (!isExecutionFinished(snapshot.status)) return { ok: false, reason: 'not_finished' }
  const ids = snapshot.nodes.map((n) => n.id)
  const { order } = topologicalOrder(ids, snapshot.edges)
  const passed = snapshot.nodes.filter((n) => n.kind === 'checkpoint' && n.status === 'success')

  let chosen: string | undefined
  if (checkpointId !== undefined) {
    if (!passed.some((n) => n.id === checkpointId)) return { ok: false, reason: 'checkpoint_not_passed' }
    chosen = checkpointId
  } else {
    const last = [...passed].sort((a, b) =>
      (a.finished_at ?? '').localeCompare(b.finished_at ?? '') || order.indexOf(a.id) - order.indexOf(b.id)).pop()
    if (!last) return { ok: false, reason: 'no_checkpoint' }
    chosen = last.id
  }

  const { in: inc } = adjacency(ids, snapshot.edges)
  const keep = ancestors(chosen, inc)
  keep.add(chosen)
  return {
    ok: true,
    plan: {
      checkpointId: chosen,
      reused: order.filter((id) => keep.has(id)),
      rerun: ids.filter((id) => !keep.has(id)),
    },
  }
}

/** The new attempt's starting snapshot: queued, reused nodes marked as such, the rest pending again. */
export function rerunSnapshot(snapshot: ExecutionSnapshot, plan: RerunPlan): ExecutionSnapshot {
  const reused = new Set(plan.reused)
  return {
    ...snapshot,
    status: 'queued',
    nodes: snapshot.nodes.map((n) => reused.has(n.id)
      ? { ...n, reused: true }
      : { ...n, status: 'pending', started_at: null, finished_at: null, attempt: n.attempt + 1, reused: false }),
  }
}
