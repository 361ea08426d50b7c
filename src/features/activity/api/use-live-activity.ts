import { useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useTableChanges } from '../../../lib/realtime.ts'

/**
 * Refetches the feed when a run changes state, someone votes or a deployment is recorded or updated.
 * Node-level state events arrive too (Realtime filters cannot say `node_id is null`) and are ignored here,
 * so a busy run does not refetch the feed on every step.
 */
export function useLiveActivity(projectId: string): void {
  const queryClient = useQueryClient()
  useTableChanges(
    [
      { table: 'execution_state_events', filter: `project_id=eq.${projectId}`, event: 'INSERT' },
      { table: 'approval_votes', filter: `project_id=eq.${projectId}`, event: 'INSERT' },
      { table: 'deployments', filter: `project_id=eq.${projectId}` },
    ],
    (payload) => {
      if (payload.table === 'execution_state_events' && (payload.new as { node_id?: string | null }).node_id != null) return
      void queryClient.invalidateQueries({ queryKey: queryKeys.activity.feed(projectId) })
    },
  )
}
