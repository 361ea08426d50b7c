import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Active environments (promotion order) and saved pipelines a mapping can point at. */
export async function getMappingOptions(projectId: string, signal?: AbortSignal) {
  const [environments, pipelines] = await Promise.all([
    supabase.from('environments').select('id, key, display_name').eq('project_id', projectId).is('archived_at', null).order('position').abortSignal(signal!),
    supabase.from('flow_templates').select('id, name').eq('project_id', projectId).order('name').abortSignal(signal!),
  ])
  if (environments.error) throw environments.error
  if (pipelines.error) throw pipelines.error
  return { environments: environments.data, pipelines: pipelines.data }
}

export type MappingOptions = Awaited<ReturnType<typeof getMappingOptions>>

export const mappingOptionsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.settings.mappingOptions(projectId),
  queryFn: ({ signal }) => getMappingOptions(projectId, signal),
})

export const useMappingOptions = (projectId: string) => useQuery(mappingOptionsQuery(projectId))
