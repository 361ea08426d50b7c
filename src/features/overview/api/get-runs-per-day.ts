import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { toChartDays } from '../lib/runs-per-day.ts'

export const CHART_DAYS = 14

/** The viewer's IANA time zone, so "a day" on the chart is their day. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Runs finished per day by outcome for the last CHART_DAYS days (control_tower_runs_per_day, RLS applies). */
export async function getRunsPerDay(projectId: string, timeZone: string, signal?: AbortSignal) {
  const { data, error } = await supabase
    .rpc('control_tower_runs_per_day', { _project_id: projectId, _days: CHART_DAYS, _time_zone: timeZone })
    .abortSignal(signal!)
  if (error) throw error
  return toChartDays(data)
}

export type RunsPerDayData = Awaited<ReturnType<typeof getRunsPerDay>>

export const runsPerDayQuery = (projectId: string, timeZone: string) => queryOptions({
  queryKey: queryKeys.kpis.runsPerDay(projectId, timeZone),
  queryFn: ({ signal }) => getRunsPerDay(projectId, timeZone, signal),
})

export const useRunsPerDay = (projectId: string, timeZone: string) => useQuery(runsPerDayQuery(projectId, timeZone))
