import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The graph one version saved (a version never changes, so it is cached for good). */
export async function getPipelineVersion(pipelineId: string, version: number, signal?: AbortSignal) {
  const { data, error } = await supabase.from('flow_template_versions')
    .select('version, name, type, nodes, edges, message, created_at')
    .eq('flow_template_id', pipelineId).eq('version', version).abortSignal(signal!).single()
  if (error) throw error
  return data
}
export type PipelineVersionData = Awaited<ReturnType<typeof getPipelineVersion>>

export const pipelineVersionQuery = (pipelineId: string, version: number) => queryOptions({
  queryKey: queryKeys.pipelines.version(pipelineId, version),
  queryFn: ({ signal }) => getPipelineVersion(pipelineId, version, signal),
  staleTime: Infinity,
})

export const usePipelineVersion = (pipelineId: string, version: number | null) =>
  useQuery({ ...pipelineVersionQuery(pipelineId, version ?? 0), enabled: version !== null })
