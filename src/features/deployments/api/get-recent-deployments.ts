import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const RECENT_DEPLOYMENTS = 8

/** The project's latest deployments across environments, newest first, with environment and deployer. */
export async function getRecentDeployments(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('deployments')
    .select('id, version, status, strategy, deployed_by, reason, rollback_of_id, break_glass, simulated, execution_id, created_at, finished_at, environments (key, display_name)')
    .eq('project_id', projectId).order('created_at', { ascending: false }).limit(RECENT_DEPLOYMENTS).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((d) => d.deployed_by), signal)
  return data.map((d) => ({ ...d, deployedByName: d.deployed_by ? people.get(d.deployed_by) ?? 'Someone outside your organization' : null }))
}

export const recentDeploymentsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.deployments.recent(projectId),
  queryFn: ({ signal }) => getRecentDeployments(projectId, signal),
})

export const useRecentDeployments = (projectId: string) => useQuery(recentDeploymentsQuery(projectId))
