import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** A project's environments in chain order (positions 0…), archived ones after the active ones. */
export async function getChain(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environments')
    .select('id, key, display_name, tier, position, required_approvals, deploy_strategy, operators_edit_config, allow_skip_promotion, archived_at, archive_reason')
    .eq('project_id', projectId).order('position').abortSignal(signal!)
  if (error) throw error
  return { active: data.filter((e) => !e.archived_at), archived: data.filter((e) => e.archived_at) }
}

export type ChainData = Awaited<ReturnType<typeof getChain>>
export type ChainEnvironment = ChainData['active'][number]

export const chainQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.environments.chain(projectId),
  queryFn: ({ signal }) => getChain(projectId, signal),
})

export const useChain = (projectId: string) => useQuery(chainQuery(projectId))
