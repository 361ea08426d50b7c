import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { TIME_WINDOWS, windowStart, type TimeWindow } from '../lib/signal-filter.ts'

/** One metric's points in the window, bucketed per service by the database (telemetry_metric_series, under RLS). */
export async function getMetricSeries(projectId: string, name: string, window: TimeWindow, signal?: AbortSignal) {
  const now = Date.now()
  const { data, error } = await supabase.rpc('telemetry_metric_series', {
    _project_id: projectId, _name: name, _from: windowStart(window, now).toISOString(),
    _to: new Date(now + 60_000).toISOString(), _bucket_seconds: TIME_WINDOWS[window].bucketSeconds,
  }).abortSignal(signal!)
  if (error) throw error
  return data
}

export type MetricBucket = Awaited<ReturnType<typeof getMetricSeries>>[number]

export const metricSeriesQuery = (projectId: string, name: string, window: TimeWindow) => queryOptions({
  queryKey: queryKeys.telemetry.metricSeries(projectId, name, window),
  queryFn: ({ signal }) => getMetricSeries(projectId, name, window, signal),
  enabled: Boolean(name),
})

export const useMetricSeries = (projectId: string, name: string, window: TimeWindow) => useQuery(metricSeriesQuery(projectId, name, window))
