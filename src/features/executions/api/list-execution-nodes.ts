import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Every node row of a run: what the graph shows as each node's live status. */
export async function listExecutionNodes(executionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('execution_nodes')
    .select('node_id, name, kind, config, status, attempt, started_at, finished_at, duration_ms, output')
    .eq('execution_id', executionId).order('created_at').abortSignal(signal!)
  if (error) throw error
  return data
}

export const executionNodesQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.nodes(executionId),
  queryFn: ({ signal }) => listExecutionNodes(executionId, signal),
})

export const useExecutionNodes = (executionId: string) => useQuery(executionNodesQuery(executionId))
