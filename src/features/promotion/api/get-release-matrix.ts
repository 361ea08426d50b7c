import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { supabase } from '../../../lib/supabase.ts'
import { toMatrix } from '../lib/release-matrix.ts'

/** What runs where across the organization's active projects (release_matrix, as the caller may see it). */
export async function getReleaseMatrix(organizationId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('release_matrix', { _organization_id: organizationId }).abortSignal(signal!)
  if (error) throw error
  return toMatrix(data)
}

export const releaseMatrixQuery = (organizationId: string) => queryOptions({
  queryKey: queryKeys.environments.matrix(organizationId),
  queryFn: ({ signal }) => getReleaseMatrix(organizationId, signal),
})

/**
 * Refetched when any version switches or an environment or one of the organization's projects changes (RLS
 * delivers only the caller's organizations' rows), so a promotion or a new project shows up without a reload.
 */
export function useReleaseMatrix(organizationId: string) {
  useLiveQueries([{ table: 'deployment_versions' }, { table: 'environments' }, { table: 'projects', filter: `organization_id=eq.${organizationId}` }],
    [queryKeys.environments.matrix(organizationId)])
  return useQuery(releaseMatrixQuery(organizationId))
}
