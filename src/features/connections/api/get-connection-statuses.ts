import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { summarize } from '../lib/health-summary.ts'

/** Every connection's type and status in the organization, summarised for the header and the type filter. */
export async function getConnectionStatuses(orgId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('connections').select('type, status')
    .eq('organization_id', orgId).order('type').limit(1000).abortSignal(signal!)
  if (error) throw error
  return summarize(data)
}

export const connectionStatusesQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.connections.statuses(orgId),
  queryFn: ({ signal }) => getConnectionStatuses(orgId, signal),
})

export const useConnectionStatuses = (orgId: string) => useQuery(connectionStatusesQuery(orgId))
