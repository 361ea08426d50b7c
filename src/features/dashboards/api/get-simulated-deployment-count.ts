import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/**
 * How many of the deployments dora_metrics counts in [from, to) are simulated (recorded by a run whose deploy step
 * has no real executor): the same rows it reads (finished statuses, started in the window), so the page can say
 * how many of its figures nothing real produced.
 */
export async function getSimulatedDeploymentCount(projectId: string, environmentId: string, from: string, to: string, signal?: AbortSignal) {
  let query = supabase.from('deployments').select('id', { count: 'exact', head: true })
    .eq('project_id', projectId).eq('simulated', true).in('status', ['success', 'failed', 'rolled_back'])
    .gte('started_at', from).lt('started_at', to)
  if (environmentId !== 'all') query = query.eq('environment_id', environmentId)
  const { count, error } = await query.abortSignal(signal!)
  if (error) throw error
  return count ?? 0
}

export const simulatedDeploymentCountQuery = (projectId: string, environmentId: string, from: string, to: string) => queryOptions({
  queryKey: queryKeys.dashboards.doraSimulated(projectId, environmentId, from, to),
  queryFn: ({ signal }) => getSimulatedDeploymentCount(projectId, environmentId, from, to, signal),
})

export const useSimulatedDeploymentCount = (projectId: string, environmentId: string | undefined, from: string, to: string) =>
  useQuery({ ...simulatedDeploymentCountQuery(projectId, environmentId ?? 'all', from, to), enabled: environmentId !== undefined })
