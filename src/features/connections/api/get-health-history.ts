import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { chartPoints } from '../lib/health-summary.ts'

/** How many of the latest checks the history chart plots. */
export const HISTORY_LIMIT = 200

/** The latest checks of one connection, oldest first, for the chart. */
export async function getHealthHistory(connectionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('connection_health_events')
    .select('id, status, response_time_ms, message, checked_at')
    .eq('connection_id', connectionId).order('checked_at', { ascending: false }).limit(HISTORY_LIMIT).abortSignal(signal!)
  if (error) throw error
  return chartPoints(data)
}

export const healthHistoryQuery = (connectionId: string) => queryOptions({
  queryKey: queryKeys.connections.history(connectionId),
  queryFn: ({ signal }) => getHealthHistory(connectionId, signal),
})

export const useHealthHistory = (connectionId: string) => useQuery(healthHistoryQuery(connectionId))
