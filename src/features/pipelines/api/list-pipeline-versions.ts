import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const VERSIONS_PAGE = 10

/** One page of a pipeline's saved versions, newest first, with each author's name; `total` counts them all. */
export async function listPipelineVersions(pipelineId: string, page: number, signal?: AbortSignal) {
  const from = page * VERSIONS_PAGE
  const { data, error, count } = await supabase.from('flow_template_versions')
    .select('id, version, name, message, restored_from, created_by, created_at', { count: 'exact' })
    .eq('flow_template_id', pipelineId).order('version', { ascending: false })
    .range(from, from + VERSIONS_PAGE - 1).abortSignal(signal!)
  if (error) throw error
  const authorIds = [...new Set(data.map((v) => v.created_by).filter((id): id is string => id !== null))]
  const authors = new Map<string, string>()
  if (authorIds.length > 0) {
    const { data: people, error: peopleError } = await supabase.from('profiles').select('id, full_name, email').in('id', authorIds).abortSignal(signal!)
    if (peopleError) throw peopleError
    for (const p of people) authors.set(p.id, p.full_name ?? p.email ?? 'Someone')
  }
  return {
    total: count ?? data.length,
    versions: data.map((v) => ({ ...v, author: v.created_by ? authors.get(v.created_by) ?? 'A former member' : 'Unknown author (a database write or a deleted account)' })),
  }
}
export type PipelineVersionsData = Awaited<ReturnType<typeof listPipelineVersions>>
export type PipelineVersionRow = PipelineVersionsData['versions'][number]

export const pipelineVersionsQuery = (pipelineId: string, page: number) => queryOptions({
  queryKey: queryKeys.pipelines.versions(pipelineId, page),
  queryFn: ({ signal }) => listPipelineVersions(pipelineId, page, signal),
  placeholderData: keepPreviousData,
})

export const usePipelineVersions = (pipelineId: string, page: number) => useQuery(pipelineVersionsQuery(pipelineId, page))
