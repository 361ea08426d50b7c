import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { EXECUTION_LIST_COLUMNS } from './execution-columns.ts'
import { STATUS_FILTERS, statusesFor, type StatusFilter } from '../lib/status-filter.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const PAGE_SIZE = 25

export const listExecutionsInput = z.object({
  projectId: z.uuid(),
  filter: z.enum(Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]]),
  page: z.number().int().min(0),
})
export type ListExecutionsInput = z.infer<typeof listExecutionsInput>


/** One page of the project's runs, newest first, with pipeline, environment and who started each. */
export async function listExecutions(input: ListExecutionsInput, signal?: AbortSignal) {
  const { projectId, filter, page } = listExecutionsInput.parse(input)
  let query = supabase.from('executions').select(EXECUTION_LIST_COLUMNS, { count: 'exact' })
    .eq('project_id', projectId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .range(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1)
  const statuses = statusesFor(filter)
  if (statuses) query = query.in('status', statuses)
  if (signal) query = query.abortSignal(signal)
  const { data, error, count } = await query
  if (error) throw error
  const people = await fetchPeople(data.map((r) => r.started_by), signal)
  return {
    total: count ?? 0,
    rows: data.map((r) => ({ ...r, startedByName: r.started_by ? people.get(r.started_by) ?? 'A former member' : null })),
  }
}
export type ExecutionsPage = Awaited<ReturnType<typeof listExecutions>>
export type ExecutionListRow = ExecutionsPage['rows'][number]

export const executionsPageQuery = (input: ListExecutionsInput) => queryOptions({
  queryKey: [...queryKeys.executions.list(input.projectId, input.filter), input.page],
  queryFn: ({ signal }) => listExecutions(input, signal),
  placeholderData: keepPreviousData,
})

export const useExecutionsPage = (input: ListExecutionsInput) => useQuery(executionsPageQuery(input))
