import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Database } from '../../../integrations/supabase/types.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useTableChanges } from '../../../lib/realtime.ts'
import { supabase } from '../../../lib/supabase.ts'

/**
 * Per environment of the project: the version waiting to be promoted into it (the previous stage's, when it
 * differs), how far behind the previous stage it is, and a promotion under way (environment_promotion_status).
 */
export async function getPromotionStatus(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('environment_promotion_status', { _project_id: projectId }).abortSignal(signal!)
  if (error) throw error
  return new Map<string, PromotionStatus>(data.map((row) => [row.environment_id, row]))
}

export type PromotionStatus = Database['public']['Functions']['environment_promotion_status']['Returns'][number]

export const promotionStatusQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.environments.promotion(projectId),
  queryFn: ({ signal }) => getPromotionStatus(projectId, signal),
})

/**
 * Live: the board's own subscription refreshes it on deploys and version switches; here, promotion runs starting
 * or ending. Only those: the engine updates every running run on each tick, and other runs change nothing here.
 */
export function usePromotionStatus(projectId: string) {
  const queryClient = useQueryClient()
  const refetch = () => void queryClient.invalidateQueries({ queryKey: queryKeys.environments.promotion(projectId) })
  useTableChanges([{ table: 'executions', filter: `project_id=eq.${projectId}` }], (payload) => {
    if ((payload.new as { promotion_of_version_id?: string | null } | null)?.promotion_of_version_id) refetch()
  }, true, refetch)
  return useQuery(promotionStatusQuery(projectId))
}
