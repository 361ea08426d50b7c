import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { DoraMetric } from '../lib/dora.ts'

export interface DoraRow { metric: DoraMetric; value: number | null; unit: string; sample_size: number; definition: string }

/** public.dora_metrics for [from, to) — one environment, or all when environmentId is 'all'. */
export async function getDoraMetrics(projectId: string, environmentId: string, from: string, to: string, signal?: AbortSignal) {
  const { data, error } = await supabase
    .rpc('dora_metrics', {
      _project_id: projectId, _from: from, _to: to,
      ...(environmentId === 'all' ? {} : { _environment_id: environmentId }),
    })
    .abortSignal(signal!)
  if (error) throw error
  return data as DoraRow[]
}

export const doraMetricsQuery = (projectId: string, environmentId: string, from: string, to: string) => queryOptions({
  queryKey: queryKeys.dashboards.dora(projectId, environmentId, from, to),
  queryFn: ({ signal }) => getDoraMetrics(projectId, environmentId, from, to, signal),
})

export const useDoraMetrics = (projectId: string, environmentId: string | undefined, from: string, to: string) =>
  useQuery({ ...doraMetricsQuery(projectId, environmentId ?? 'all', from, to), enabled: environmentId !== undefined })
