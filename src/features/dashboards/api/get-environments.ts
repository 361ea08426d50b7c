import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The project's environments in promotion order (for the DORA environment select). */
export async function getEnvironments(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase
    .from('environments')
    .select('id, key, display_name, tier, position')
    .eq('project_id', projectId)
    .order('position')
    .abortSignal(signal!)
  if (error) throw error
  return data
}

export type DashboardEnvironment = Awaited<ReturnType<typeof getEnvironments>>[number]

export const environmentsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.dashboards.environments(projectId),
  queryFn: ({ signal }) => getEnvironments(projectId, signal),
  staleTime: 60_000,
})

export const useEnvironments = (projectId: string) => useQuery(environmentsQuery(projectId))

/** DORA is about production: the last production-tier environment, else the last in the chain. */
export function productionEnvironment(environments: DashboardEnvironment[]): DashboardEnvironment | undefined {
  return environments.findLast((e) => e.tier === 'production') ?? environments.at(-1)
}
