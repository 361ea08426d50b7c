import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { EXECUTION_LIST_COLUMNS } from './execution-columns.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const ACTIVE_LIMIT = 10

/** Statuses the home page's "Running" figure counts (control_tower_kpis): the list's first group is these. */
export const RUNNING_STATUSES = ['queued', 'running'] as const

/**
 * The project's runs in progress (queued, running, paused), newest first, with how many there are in all and how
 * many of them are queued or running (the same count as the home page's "Running" figure).
 */
export async function listActiveExecutions(projectId: string, signal?: AbortSignal) {
  let query = supabase.from('executions').select(EXECUTION_LIST_COLUMNS, { count: 'exact' })
    .eq('project_id', projectId).in('status', ['queued', 'running', 'paused'])
    .order('created_at', { ascending: false }).limit(ACTIVE_LIMIT)
  let running = supabase.from('executions').select('id', { count: 'exact', head: true })
    .eq('project_id', projectId).in('status', [...RUNNING_STATUSES])
  if (signal) {
    query = query.abortSignal(signal)
    running = running.abortSignal(signal)
  }
  const [{ data, error, count }, runningCount] = await Promise.all([query, running])
  if (error) throw error
  if (runningCount.error) throw runningCount.error
  const people = await fetchPeople(data.map((r) => r.started_by), signal)
  return {
    total: count ?? 0,
    running: runningCount.count ?? 0,
    rows: data.map((r) => ({ ...r, startedByName: r.started_by ? people.get(r.started_by) ?? null : null })),
  }
}

export const activeExecutionsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.executions.list(projectId, 'active-widget'),
  queryFn: ({ signal }) => listActiveExecutions(projectId, signal),
})

export const useActiveExecutions = (projectId: string) => useQuery(activeExecutionsQuery(projectId))

export type ActiveExecution = Awaited<ReturnType<typeof listActiveExecutions>>['rows'][number]
