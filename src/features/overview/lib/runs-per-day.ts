export const RUN_OUTCOMES = ['success', 'warning', 'failed', 'cancelled'] as const
export type RunOutcome = (typeof RUN_OUTCOMES)[number]

export interface DayRow {
  day: string
  success: number
  warning: number
  failed: number
  cancelled: number
}

export interface ChartDay extends DayRow {
  /** "Nov 27", for the axis. */
  label: string
  total: number
}

/** Rows from `control_tower_runs_per_day` (ISO dates, oldest first) shaped for the chart. */
export function toChartDays(rows: DayRow[]): ChartDay[] {
  return [...rows].sort((a, b) => a.day.localeCompare(b.day)).map((row) => ({
    ...row,
    label: new Date(`${row.day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    total: RUN_OUTCOMES.reduce((sum, outcome) => sum + row[outcome], 0),
  }))
}

/** A sentence for screen readers and the card's description: the totals the bars show. */
export function summarizeDays(days: ChartDay[]): string {
  const totals = Object.fromEntries(RUN_OUTCOMES.map((o) => [o, days.reduce((sum, d) => sum + d[o], 0)])) as Record<RunOutcome, number>
  const all = RUN_OUTCOMES.reduce((sum, o) => sum + totals[o], 0)
  const span = days.length === 1 ? 'day' : `${days.length} days`
  if (all === 0) return `No runs finished in the last ${span}.`
  const parts = RUN_OUTCOMES.filter((o) => totals[o] > 0).map((o) => `${totals[o]} ${o === 'success' ? 'succeeded' : o === 'warning' ? 'with warnings' : o}`)
  return `${all} run${all === 1 ? '' : 's'} finished in the last ${span}: ${parts.join(', ')}.`
}
