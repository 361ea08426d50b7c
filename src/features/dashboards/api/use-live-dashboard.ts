import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/**
 * Recounts the dashboard when a run, deployment or approval request of the project changes. Connection checks
 * are not in the Realtime publication; the figures query refetches every minute for them.
 */
export function useLiveDashboard(projectId: string): void {
  useLiveQueries(
    [
      { table: 'executions', filter: `project_id=eq.${projectId}` },
      { table: 'deployments', filter: `project_id=eq.${projectId}` },
      { table: 'approval_requests', filter: `project_id=eq.${projectId}` },
    ],
    [['dashboards', 'figures', projectId], ['dashboards', 'dora', projectId]],
  )
}

/** Recomputes DORA figures when a deployment of the project changes. */
export function useLiveDora(projectId: string): void {
  useLiveQueries([{ table: 'deployments', filter: `project_id=eq.${projectId}` }], [['dashboards', 'dora', projectId], ['dashboards', 'dora-series', projectId], ['dashboards', 'dora-simulated', projectId]])
}
