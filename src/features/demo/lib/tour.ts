// The guided tour's progress, read back from the sandbox's rows (so a reload resumes where the visitor was).
export const TOUR_STEPS = ['run', 'fail', 'rerun', 'approve', 'deploy', 'rollback'] as const
export type TourStep = (typeof TOUR_STEPS)[number] | 'done'

export interface TourRun {
  id: string
  status: string
  attempt: number
  rerun_of_id: string | null
}

export interface TourSnapshot {
  /** Newest first. */
  runs: TourRun[]
  /** The rerun's approval request status, if its gate has opened one. */
  approval: { id: string; status: string } | null
  /** True once staging has been rolled back after the rerun's deploy. */
  rolledBack: boolean
}

export interface TourPosition {
  step: TourStep
  /** The visitor can act now (else the engine is working, and the page waits for it). */
  actionable: boolean
  first: TourRun | null
  rerun: TourRun | null
}

const ACTIVE = new Set(['queued', 'running', 'paused'])

export function tourPosition({ runs, approval, rolledBack }: TourSnapshot): TourPosition {
  const first = runs.find((r) => r.attempt === 1) ?? null
  const rerun = first ? runs.find((r) => r.rerun_of_id === first.id) ?? null : null
  const at = (step: TourStep, actionable: boolean): TourPosition => ({ step, actionable, first, rerun })
  if (!first) return at('run', true)
  if (!rerun) {
    if (ACTIVE.has(first.status)) return at('fail', false)
    return first.status === 'failed' ? at('rerun', true) : at('run', true)
  }
  if (ACTIVE.has(rerun.status)) {
    if (approval?.status === 'pending') return at('approve', true)
    return approval?.status === 'approved' ? at('deploy', false) : at('approve', false)
  }
  if (rerun.status === 'success') return rolledBack ? at('done', false) : at('rollback', true)
  return at('run', true)
}

/** done, current or upcoming, for each step of the panel. */
export function stepState(step: (typeof TOUR_STEPS)[number], current: TourStep): 'done' | 'current' | 'upcoming' {
  if (current === 'done') return 'done'
  const [i, j] = [TOUR_STEPS.indexOf(step), TOUR_STEPS.indexOf(current)]
  return i < j ? 'done' : i === j ? 'current' : 'upcoming'
}
