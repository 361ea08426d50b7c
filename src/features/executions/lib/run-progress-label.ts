import type { Enums } from '../../../integrations/supabase/types.ts'

export type ProgressTone = 'active' | 'done' | 'stopped' | 'failed'

export interface RunProgressView {
  /** What the number beside the bar says. */
  text: string
  /** The bar's fill, 0–100. */
  value: number
  tone: ProgressTone
}

const FINISHED = new Set(['success', 'warning', 'failed', 'skipped', 'cancelled'])

/** Share of a run's nodes that finished, 0–100: the engine's formula for executions.progress, from the live rows. */
export function progressOf(rows: readonly { status: string }[]): number | null {
  if (rows.length === 0) return null
  return Math.round((100 * rows.filter((r) => FINISHED.has(r.status)).length) / rows.length)
}

/**
 * What a run's progress bar shows. `executions.progress` counts every finished node, and cancelling or failing
 * finishes the rest as cancelled or skipped, so a stopped run's number says how it ended and how far it had come
 * instead of a bare "100%".
 */
export function runProgressView(status: Enums<'execution_status'>, progress: number): RunProgressView {
  const value = Math.min(100, Math.max(0, Math.round(progress)))
  switch (status) {
    case 'cancelled': return { text: 'Cancelled', value, tone: 'stopped' }
    case 'failed': return { text: 'Failed', value, tone: 'failed' }
    case 'success': return { text: 'Done', value: 100, tone: 'done' }
    case 'warning': return { text: 'Done, with warnings', value: 100, tone: 'done' }
    case 'idle': return { text: 'Not started', value, tone: 'active' }
    case 'queued': return { text: 'Queued', value, tone: 'active' }
    case 'paused': return { text: `Paused at ${value}%`, value, tone: 'active' }
    case 'running': return { text: `${value}%`, value, tone: 'active' }
  }
}
