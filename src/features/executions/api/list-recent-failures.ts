import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const FAILURES_LIMIT = 8

/**
 * The project's latest failed runs, newest first, each with the node that failed and whether it was rerun
 * already (a run can be rerun once; the newer attempt is where to look next).
 */
export async function listRecentFailures(projectId: string, signal?: AbortSignal) {
  let query = supabase.from('executions')
    .select('id, name, status, attempt, error_message, finished_at, created_at, flow_templates(name), environments(display_name), execution_nodes(node_id, name, status)', { count: 'exact' })
    .eq('project_id', projectId).eq('status', 'failed')
    .eq('execution_nodes.status', 'failed')
    .order('finished_at', { ascending: false, nullsFirst: false }).order('created_at', { ascending: false })
    .limit(FAILURES_LIMIT)
  if (signal) query = query.abortSignal(signal)
  const { data, error, count } = await query
  if (error) throw error
  const ids = data.map((r) => r.id)
  let reruns = supabase.from('executions').select('id, rerun_of_id, status, attempt').in('rerun_of_id', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
  if (signal) reruns = reruns.abortSignal(signal)
  const next = await reruns
  if (next.error) throw next.error
  const rerunOf = new Map(next.data.map((r) => [r.rerun_of_id, r]))
  return {
    total: count ?? 0,
    rows: data.map(({ execution_nodes, ...r }) => ({ ...r, failedNodes: execution_nodes, rerun: rerunOf.get(r.id) ?? null })),
  }
}
export type RecentFailure = Awaited<ReturnType<typeof listRecentFailures>>['rows'][number]

export const recentFailuresQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.executions.list(projectId, 'recent-failures'),
  queryFn: ({ signal }) => listRecentFailures(projectId, signal),
})

export const useRecentFailures = (projectId: string) => useQuery(recentFailuresQuery(projectId))
