import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const EVENTS_PAGE_SIZE = 10

/** One page of a connection's health checks, newest first. */
export async function getHealthEvents(connectionId: string, page: number, signal?: AbortSignal) {
  const from = page * EVENTS_PAGE_SIZE
  const { data, error, count } = await supabase.from('connection_health_events')
    .select('id, status, response_time_ms, message, checked_at', { count: 'exact' })
    .eq('connection_id', connectionId).order('checked_at', { ascending: false }).order('id', { ascending: false })
    .range(from, from + EVENTS_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: data, total: count ?? data.length }
}

export const healthEventsQuery = (connectionId: string, page: number) => queryOptions({
  queryKey: queryKeys.connections.events(connectionId, page),
  queryFn: ({ signal }) => getHealthEvents(connectionId, page, signal),
  placeholderData: (previous) => previous,
})

export const useHealthEvents = (connectionId: string, page: number) => useQuery(healthEventsQuery(connectionId, page))
