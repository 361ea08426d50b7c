import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { viewerTimeZone } from './get-runs-per-day.ts'

/** Recounts the KPIs and the chart whenever a run or an approval request of the project changes. */
export function useLiveKpis(projectId: string): void {
  useLiveQueries(
    [
      { table: 'executions', filter: `project_id=eq.${projectId}` },
      { table: 'approval_requests', filter: `project_id=eq.${projectId}` },
    ],
    [queryKeys.kpis.home(projectId), queryKeys.kpis.runsPerDay(projectId, viewerTimeZone())],
  )
}
