import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export interface DurationDay { day: string; runs: number; median_seconds: number | null; max_seconds: number | null }
export interface EnvironmentDeployments {
  environment_id: string; key: string; name: string; success: number; failed: number; rolled_back: number; other: number; total: number
}
export interface ConnectionHealth {
  id: string; name: string; type: string; status: string; last_status: string | null; last_checked_at: string | null
  last_response_ms: number | null; checks: number; healthy_checks: number
}
/** What public.dashboard_figures returns (see its migration for each figure's definition). */
export interface DashboardFigures {
  window_days: number
  from: string
  executions_by_status: Record<string, number>
  success_rate: { succeeded: number; failed: number; finished: number }
  duration_trend: DurationDay[]
  deployments_per_environment: EnvironmentDeployments[]
  approvals_waiting: { waiting: number; oldest_at: string | null }
  connection_health: ConnectionHealth[]
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Every widget's figures for the project over the last `days` days, counted under the caller's RLS. */
export async function getDashboardFigures(projectId: string, days: number, timeZone: string, signal?: AbortSignal) {
  const { data, error } = await supabase
    .rpc('dashboard_figures', { _project_id: projectId, _days: days, _time_zone: timeZone })
    .abortSignal(signal!)
  if (error) throw error
  return data as unknown as DashboardFigures
}

export const dashboardFiguresQuery = (projectId: string, days: number, timeZone: string) => queryOptions({
  queryKey: queryKeys.dashboards.figures(projectId, days, timeZone),
  queryFn: ({ signal }) => getDashboardFigures(projectId, days, timeZone, signal),
  refetchInterval: 60_000,
})

export const useDashboardFigures = (projectId: string, days: number) =>
  useQuery(dashboardFiguresQuery(projectId, days, viewerTimeZone()))
