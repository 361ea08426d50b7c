import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { filterKey, likePattern, windowStart, type SignalFilter } from '../lib/signal-filter.ts'

export const SIGNALS_PAGE_SIZE = 50

// Not the attribute maps (the trace view reads those); payload holds what the value column shows.
const COLUMNS = 'id, observed_at, signal_type, service_name, name, otel_trace_id, otel_span_id, kind, status, started_at, duration_ms, execution_id, source, payload'

export interface SignalRow {
  id: number
  observed_at: string
  signal_type: string
  service_name: string | null
  name: string | null
  otel_trace_id: string | null
  otel_span_id: string | null
  kind: string | null
  status: string | null
  started_at: string | null
  duration_ms: number | null
  execution_id: string | null
  source: string
  payload: unknown
}

/** The same shape from a Realtime row (the whole table row, payload included). */
export function signalFromRecord(record: Record<string, unknown>): SignalRow {
  const pick = <K extends keyof SignalRow>(key: K) => (record[key] ?? null) as SignalRow[K]
  return {
    id: Number(record.id), observed_at: String(record.observed_at), signal_type: String(record.signal_type),
    service_name: pick('service_name'), name: pick('name'), otel_trace_id: pick('otel_trace_id'), otel_span_id: pick('otel_span_id'),
    kind: pick('kind'), status: pick('status'), started_at: pick('started_at'), duration_ms: pick('duration_ms'),
    execution_id: pick('execution_id'), source: String(record.source ?? 'otlp'), payload: record.payload ?? {},
  }
}

/** One page of the project's signals matching the filter, newest first (RLS: project members). */
export async function listSignals(projectId: string, filter: SignalFilter, signal?: AbortSignal) {
  const from = filter.page * SIGNALS_PAGE_SIZE
  let query = supabase.from('telemetry_signals').select(COLUMNS, { count: 'exact' })
    .eq('project_id', projectId)
    .gte('observed_at', windowStart(filter.window, Date.now()).toISOString())
  if (filter.type) query = query.eq('signal_type', filter.type)
  if (filter.service) query = query.eq('service_name', filter.service)
  if (filter.name) query = query.ilike('name', likePattern(filter.name))
  if (filter.traceId) {
    query = filter.traceId.length === 32 ? query.eq('otel_trace_id', filter.traceId) : query.like('otel_trace_id', `${filter.traceId}%`)
  }
  const { data, error, count } = await query.order('observed_at', { ascending: false }).order('id', { ascending: false })
    .range(from, from + SIGNALS_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: data as SignalRow[], total: count ?? data.length }
}

export type SignalsData = Awaited<ReturnType<typeof listSignals>>

export const signalsQuery = (projectId: string, filter: SignalFilter) => queryOptions({
  queryKey: queryKeys.telemetry.signalPage(projectId, filterKey(filter), filter.page),
  queryFn: ({ signal }) => listSignals(projectId, filter, signal),
  placeholderData: (previous) => previous,
})

export const useSignals = (projectId: string, filter: SignalFilter) => useQuery(signalsQuery(projectId, filter))
