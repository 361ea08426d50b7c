import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Database } from '../../../integrations/supabase/types.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
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

/** Live: the board's own subscription refreshes it on deploys and version switches; runs starting or ending here. */
export function usePromotionStatus(projectId: string) {
  useLiveQueries([{ table: 'executions', filter: `project_id=eq.${projectId}` }], [queryKeys.environments.promotion(projectId)])
  return useQuery(promotionStatusQuery(projectId))
}
