import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The project's environments in promotion order: the lanes of a run's graph. */
export async function listEnvironments(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environments').select('id, key, display_name, position')
    .eq('project_id', projectId).order('position').abortSignal(signal!)
  if (error) throw error
  return data
}

export const environmentsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.executions.environments(projectId),
  queryFn: ({ signal }) => listEnvironments(projectId, signal),
  staleTime: 60_000,
})

export const useEnvironments = (projectId: string) => useQuery(environmentsQuery(projectId))
