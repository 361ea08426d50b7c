import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const NODE_COLUMNS = 'node_id, name, kind, config, status, attempt, started_at, finished_at, duration_ms, output'
/** Rows per request: PostgREST answers at most max_rows (1,000 in config.toml) at a time. */
const PAGE = 1000

/** Every node row of a run, in pages so a run of thousands of nodes is whole: what the graph shows as each node's live status. */
export async function listExecutionNodes(executionId: string, signal?: AbortSignal) {
  const rows = []
  for (let from = 0; ; from += PAGE) {
    const { data, error } = await supabase.from('execution_nodes').select(NODE_COLUMNS)
      .eq('execution_id', executionId).order('created_at').order('node_id').range(from, from + PAGE - 1).abortSignal(signal!)
    if (error) throw error
    rows.push(...data)
    if (data.length < PAGE) return rows
  }
}

export type ExecutionNodeRow = Awaited<ReturnType<typeof listExecutionNodes>>[number]

export const executionNodesQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.nodes(executionId),
  queryFn: ({ signal }) => listExecutionNodes(executionId, signal),
})

export const useExecutionNodes = (executionId: string, enabled = true) => useQuery({ ...executionNodesQuery(executionId), enabled })
