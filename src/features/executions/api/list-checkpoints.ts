import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The checkpoints a run passed, newest first: a failed run with one can be rerun from it. */
export async function listCheckpoints(executionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('checkpoints').select('id, node_id, name, created_at')
    .eq('execution_id', executionId).order('created_at', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  return data
}

export const checkpointsQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.checkpoints(executionId),
  queryFn: ({ signal }) => listCheckpoints(executionId, signal),
})

export const useCheckpoints = (executionId: string, enabled = true) => useQuery({ ...checkpointsQuery(executionId), enabled })
