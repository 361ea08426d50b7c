import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const ARTIFACTS_PAGE = 50

export const artifactsInput = z.object({
  projectId: z.guid(),
  ecosystem: z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/).nullable(),
  page: z.number().int().min(0),
})
export type ArtifactsInput = z.infer<typeof artifactsInput>

/**
 * The project's artifacts, newest first, a page at a time: what they are (ecosystem, digest, registry), the run
 * and step that built them, and the environments whose versions carry them (current ones marked).
 */
export async function listArtifacts(input: ArtifactsInput, signal?: AbortSignal) {
  const { projectId, ecosystem, page } = artifactsInput.parse(input)
  let query = supabase.from('artifacts')
    .select('id, name, ecosystem, digest, image_digest, registry_url, size_bytes, node_id, metadata, created_at, executions(id, name), deployment_versions(id, version_tag, is_current, environments(key))', { count: 'exact' })
    .eq('project_id', projectId)
  if (ecosystem) query = query.eq('ecosystem', ecosystem)
  const { data, error, count } = await query.order('created_at', { ascending: false }).order('id')
    .range(page * ARTIFACTS_PAGE, page * ARTIFACTS_PAGE + ARTIFACTS_PAGE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: data, total: count ?? data.length }
}
export type ArtifactRow = Awaited<ReturnType<typeof listArtifacts>>['rows'][number]

export const artifactsQuery = (input: ArtifactsInput) => queryOptions({
  queryKey: queryKeys.artifacts.list(input.projectId, input.ecosystem ?? 'all', input.page),
  queryFn: ({ signal }) => listArtifacts(input, signal),
  placeholderData: keepPreviousData,
})

export const useArtifacts = (input: ArtifactsInput) => useQuery(artifactsQuery(input))
