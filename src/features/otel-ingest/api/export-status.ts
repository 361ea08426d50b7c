import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

const STATES = ['pending', 'delivered', 'dropped'] as const

/** An exporting otel connection's span queue by state, and its latest batches (delivered, retrying, dropped, why). */
export async function getExportStatus(connectionId: string, signal?: AbortSignal) {
  const counts = await Promise.all(STATES.map(async (state) => {
    const { count, error } = await supabase.from('otel_export_queue').select('signal_id', { count: 'exact', head: true })
      .eq('connection_id', connectionId).eq('state', state).abortSignal(signal!)
    if (error) throw error
    return [state, count ?? 0] as const
  }))
  const { data: batches, error } = await supabase.from('otel_export_batches')
    .select('id, spans, attempt, outcome, http_status, rejected_spans, message, started_at, finished_at')
    .eq('connection_id', connectionId).order('started_at', { ascending: false }).limit(10).abortSignal(signal!)
  if (error) throw error
  return { queue: Object.fromEntries(counts) as Record<(typeof STATES)[number], number>, batches }
}

export const exportStatusQuery = (connectionId: string) => queryOptions({
  queryKey: queryKeys.connections.exportStatus(connectionId),
  queryFn: ({ signal }) => getExportStatus(connectionId, signal),
  refetchInterval: 5_000,
})
export const useExportStatus = (connectionId: string) => useQuery(exportStatusQuery(connectionId))
