import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/**
 * The project's active environments in promotion order, as the rules need them (protected = approvals required);
 * archived ones take no new deployments, so the builder does not offer them.
 */
export async function listEnvironmentRules(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environments')
    .select('key, display_name, required_approvals, position')
    .eq('project_id', projectId).is('archived_at', null).order('position').abortSignal(signal!)
  if (error) throw error
  return data
}
export type EnvironmentRulesData = Awaited<ReturnType<typeof listEnvironmentRules>>

export const environmentRulesQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.pipelines.environmentRules(projectId),
  queryFn: ({ signal }) => listEnvironmentRules(projectId, signal),
})

export const useEnvironmentRules = (projectId: string) => useQuery(environmentRulesQuery(projectId))
