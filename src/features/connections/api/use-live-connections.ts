import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/** Refreshes the connections page when a connection or a health check of the organization changes (RLS decides). */
export function useLiveConnections(orgId: string) {
  useLiveQueries(
    [
      { table: 'connections', filter: `organization_id=eq.${orgId}` },
      { table: 'connection_health_events', filter: `organization_id=eq.${orgId}`, event: 'INSERT' },
    ],
    [queryKeys.connections.all],
  )
}
