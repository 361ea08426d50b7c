import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const CONNECTIONS_PAGE_SIZE = 20

/**
 * One page of the organization's connections (RLS: members read them), by type then name, each with its
 * latest health check (PostgREST embeds one event per connection through the (connection_id, checked_at) index).
 */
export async function getConnections(orgId: string, type: string, page: number, signal?: AbortSignal) {
  const from = page * CONNECTIONS_PAGE_SIZE
  let query = supabase.from('connections')
    .select('id, type, name, status, config, secret_ref, validated, last_validated_at, updated_at, latest:connection_health_events(status, response_time_ms, message, checked_at)', { count: 'exact' })
    .eq('organization_id', orgId)
  if (type) query = query.eq('type', type)
  const { data, error, count } = await query
    .order('checked_at', { referencedTable: 'latest', ascending: false })
    .limit(1, { referencedTable: 'latest' })
    .order('type').order('name')
    .range(from, from + CONNECTIONS_PAGE_SIZE - 1)
    .abortSignal(signal!)
  if (error) throw error
  return {
    rows: data.map(({ latest, ...row }) => ({ ...row, latest: latest[0] ?? null })),
    total: count ?? data.length,
  }
}

export type ConnectionListRow = Awaited<ReturnType<typeof getConnections>>['rows'][number]

export const connectionsQuery = (orgId: string, type: string, page: number) => queryOptions({
  queryKey: queryKeys.connections.list(orgId, type, page),
  queryFn: ({ signal }) => getConnections(orgId, type, page, signal),
  placeholderData: (previous) => previous,
})

export const useConnections = (orgId: string, type: string, page: number) => useQuery(connectionsQuery(orgId, type, page))
