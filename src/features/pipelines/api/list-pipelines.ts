import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const PAGE_SIZE = 20

export const listPipelinesInput = z.object({
  projectId: z.uuid(),
  search: z.string().trim().max(200),
  page: z.number().int().min(0),
})
export type ListPipelinesInput = z.infer<typeof listPipelinesInput>

/** One page of the project's pipelines, newest edit first, with each one's latest run (embedded, limit 1). */
export async function listPipelines(input: ListPipelinesInput, signal?: AbortSignal) {
  const { projectId, search, page } = listPipelinesInput.parse(input)
  let query = supabase.from('flow_templates')
    .select('id, name, type, description, nodes, updated_at, executions(id, status, created_at)', { count: 'exact' })
    .eq('project_id', projectId)
    .order('updated_at', { ascending: false })
    .order('created_at', { referencedTable: 'executions', ascending: false })
    .limit(1, { referencedTable: 'executions' })
    .range(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1)
  if (search) query = query.ilike('name', `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)
  const { data, error, count } = await query.abortSignal(signal!)
  if (error) throw error
  return {
    total: count ?? 0,
    rows: data.map(({ nodes, executions, ...row }) => ({
      ...row,
      nodeCount: Array.isArray(nodes) ? nodes.length : 0,
      lastRun: executions[0] ?? null,
    })),
  }
}
export type PipelinesPage = Awaited<ReturnType<typeof listPipelines>>

export const pipelinesPageQuery = (input: ListPipelinesInput) => queryOptions({
  queryKey: queryKeys.pipelines.page(input.projectId, input.search, input.page),
  queryFn: ({ signal }) => listPipelines(input, signal),
  placeholderData: keepPreviousData,
})

export const usePipelinesPage = (input: ListPipelinesInput) => useQuery(pipelinesPageQuery(input))
