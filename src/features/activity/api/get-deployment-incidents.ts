import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const INCIDENTS_PAGE = 8

/** Failed deployments and rollbacks of the project, newest first, one page at a time (`.range()`). */
export async function getDeploymentIncidents(projectId: string, page: number, signal?: AbortSignal) {
  const from = page * INCIDENTS_PAGE
  const { data, error, count } = await supabase.from('deployments')
    .select('id, version, status, reason, rollback_of_id, execution_id, created_at, environments (key)', { count: 'exact' })
    .eq('project_id', projectId)
    .or('status.in.(failed,rolled_back),rollback_of_id.not.is.null')
    .order('created_at', { ascending: false }).order('id', { ascending: false })
    .range(from, from + INCIDENTS_PAGE - 1)
    .abortSignal(signal!)
  if (error) throw error
  return { rows: data, total: count ?? data.length }
}

export type DeploymentIncidentsData = Awaited<ReturnType<typeof getDeploymentIncidents>>

export const deploymentIncidentsQuery = (projectId: string, page: number) => queryOptions({
  queryKey: queryKeys.activity.incidentsPage(projectId, page),
  queryFn: ({ signal }) => getDeploymentIncidents(projectId, page, signal),
  placeholderData: (previous) => previous,
})

export const useDeploymentIncidents = (projectId: string, page: number) => useQuery(deploymentIncidentsQuery(projectId, page))
