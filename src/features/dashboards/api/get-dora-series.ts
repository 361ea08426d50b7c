import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { DoraMetric } from '../lib/dora.ts'

export interface DoraPoint { bucket_start: string; value: number | null; sample_size: number }

/** public.dora_metrics_series: each metric per day or week of [from, to), grouped by metric. */
export async function getDoraSeries(projectId: string, environmentId: string, from: string, to: string, bucket: 'day' | 'week', signal?: AbortSignal) {
  const { data, error } = await supabase
    .rpc('dora_metrics_series', {
      _project_id: projectId, _from: from, _to: to, _bucket: bucket,
      ...(environmentId === 'all' ? {} : { _environment_id: environmentId }),
    })
    .abortSignal(signal!)
  if (error) throw error
  const series = {} as Record<DoraMetric, DoraPoint[]>
  for (const row of data) {
    const metric = row.metric as DoraMetric
    ;(series[metric] ??= []).push({ bucket_start: row.bucket_start, value: row.value, sample_size: row.sample_size })
  }
  return series
}

export const doraSeriesQuery = (projectId: string, environmentId: string, from: string, to: string, bucket: 'day' | 'week') => queryOptions({
  queryKey: queryKeys.dashboards.doraSeries(projectId, environmentId, from, to, bucket),
  queryFn: ({ signal }) => getDoraSeries(projectId, environmentId, from, to, bucket, signal),
})

export const useDoraSeries = (projectId: string, environmentId: string | undefined, from: string, to: string, bucket: 'day' | 'week') =>
  useQuery({ ...doraSeriesQuery(projectId, environmentId ?? 'all', from, to, bucket), enabled: environmentId !== undefined })
