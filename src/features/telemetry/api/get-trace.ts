import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const TRACE_SPAN_LIMIT = 2000

/** Every span of one trace in the project (RLS: members), by start time, with attributes for the details. */
export async function getTrace(projectId: string, traceId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('telemetry_signals')
    .select('id, name, otel_trace_id, otel_span_id, parent_span_id, kind, status, started_at, ended_at, duration_ms, service_name, attributes, resource_attributes, payload, execution_id, source, observed_at')
    .eq('project_id', projectId).eq('otel_trace_id', traceId).eq('signal_type', 'trace')
    .order('started_at', { ascending: true }).order('id', { ascending: true })
    .limit(TRACE_SPAN_LIMIT).abortSignal(signal!)
  if (error) throw error
  return data
}

export type TraceSpan = Awaited<ReturnType<typeof getTrace>>[number]

export const traceQuery = (projectId: string, traceId: string) => queryOptions({
  queryKey: queryKeys.telemetry.trace(projectId, traceId),
  queryFn: ({ signal }) => getTrace(projectId, traceId, signal),
})

export const useTrace = (projectId: string, traceId: string) => useQuery(traceQuery(projectId, traceId))
