/** Milliseconds between a start and a finish; a run still going counts up to `now`. null before it started. */
export function elapsedMs(startedAt: string | null | undefined, finishedAt: string | null | undefined, now: number): number | null {
  if (!startedAt) return null
  const start = Date.parse(startedAt)
  if (Number.isNaN(start)) return null
  const end = finishedAt ? Date.parse(finishedAt) : now
  if (Number.isNaN(end)) return null
  return Math.max(0, end - start)
}

const LIVE_NODE = new Set(['running', 'waiting', 'queued'])

/**
 * A node's duration: the recorded `duration_ms` when the engine wrote one, else its times. A node that is not
 * live and has no finish time (cancelled before it finished, say) has no duration rather than a growing one.
 */
export function nodeDurationMs(
  node: { status: string; started_at: string | null; finished_at: string | null; duration_ms?: number | null },
  now: number,
): number | null {
  if (node.duration_ms != null) return node.duration_ms
  if (!node.finished_at && !LIVE_NODE.has(node.status)) return null
  return elapsedMs(node.started_at, node.finished_at, now)
}

const LIVE_EXECUTION = new Set(['queued', 'running', 'paused'])

/** Whether a run's clock is still running (so the page ticks). */
export const isExecutionLive = (status: string) => LIVE_EXECUTION.has(status)

/** A run's duration: start to finish, or to `now` while it is live; null when it never started. */
export function executionDurationMs(run: { status: string; started_at: string | null; finished_at: string | null }, now: number): number | null {
  if (!run.finished_at && !isExecutionLive(run.status)) return null
  return elapsedMs(run.started_at, run.finished_at, now)
}
