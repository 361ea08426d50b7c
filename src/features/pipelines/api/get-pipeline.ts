import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** One pipeline with its graph; null when it does not exist or RLS hides it. */
export async function getPipeline(id: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('flow_templates')
    .select('id, project_id, name, type, description, nodes, edges, version, updated_at')
    .eq('id', id).abortSignal(signal!).maybeSingle()
  if (error) throw error
  return data
}
export type PipelineData = NonNullable<Awaited<ReturnType<typeof getPipeline>>>

export const pipelineQuery = (id: string) => queryOptions({
  queryKey: queryKeys.pipelines.detail(id),
  queryFn: ({ signal }) => getPipeline(id, signal),
  // The editor owns the graph once loaded: refetching behind it would not be shown anyway.
  refetchOnWindowFocus: false,
})

export const usePipeline = (id: string | undefined) => useQuery({ ...pipelineQuery(id ?? ''), enabled: Boolean(id) })
