import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { EXECUTION_LIST_COLUMNS } from './execution-columns.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const ACTIVE_LIMIT = 10

/** The project's runs in progress (queued, running, paused), newest first, with how many there are in all. */
export async function listActiveExecutions(projectId: string, signal?: AbortSignal) {
  let query = supabase.from('executions').select(EXECUTION_LIST_COLUMNS, { count: 'exact' })
    .eq('project_id', projectId).in('status', ['queued', 'running', 'paused'])
    .order('created_at', { ascending: false }).limit(ACTIVE_LIMIT)
  if (signal) query = query.abortSignal(signal)
  const { data, error, count } = await query
  if (error) throw error
  const people = await fetchPeople(data.map((r) => r.started_by), signal)
  return { total: count ?? 0, rows: data.map((r) => ({ ...r, startedByName: r.started_by ? people.get(r.started_by) ?? null : null })) }
}

export const activeExecutionsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.executions.list(projectId, 'active-widget'),
  queryFn: ({ signal }) => listActiveExecutions(projectId, signal),
})

export const useActiveExecutions = (projectId: string) => useQuery(activeExecutionsQuery(projectId))
