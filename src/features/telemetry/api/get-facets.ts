import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { windowStart, type TimeWindow } from '../lib/signal-filter.ts'

/** The services and metric names seen in the project within the window (telemetry_facets, under RLS). */
export async function getFacets(projectId: string, window: TimeWindow, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('telemetry_facets', { _project_id: projectId, _since: windowStart(window, Date.now()).toISOString() })
    .abortSignal(signal!)
  if (error) throw error
  return {
    services: data.filter((f) => f.facet === 'service').map((f) => f.value),
    metrics: data.filter((f) => f.facet === 'metric').map((f) => f.value),
  }
}

export const facetsQuery = (projectId: string, window: TimeWindow) => queryOptions({
  queryKey: queryKeys.telemetry.facets(projectId, window),
  queryFn: ({ signal }) => getFacets(projectId, window, signal),
  staleTime: 30_000,
})

export const useFacets = (projectId: string, window: TimeWindow) => useQuery(facetsQuery(projectId, window))
