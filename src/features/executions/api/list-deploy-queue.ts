import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { supabase } from '../../../lib/supabase.ts'

/** This run's deploys waiting for a locked or frozen environment, each with its live place in that queue. */
export async function listDeployQueue(executionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('deploy_queue_positions')
    .select('node_id, environment, position, reason, enqueued_at').eq('execution_id', executionId).order('enqueued_at').abortSignal(signal!)
  if (error) throw error
  return data
}

export const deployQueueQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.queue(executionId),
  queryFn: ({ signal }) => listDeployQueue(executionId, signal),
})

/**
 * Live while the run waits: any change to the project's queues (another run leaving moves this one up) and a
 * slow poll as a fallback for deletes, which Realtime does not filter by column.
 */
export function useDeployQueue(executionId: string, projectId: string, enabled: boolean) {
  useLiveQueries([{ table: 'deploy_queue', filter: `project_id=eq.${projectId}` }], [queryKeys.executions.queue(executionId)], enabled)
  return useQuery({ ...deployQueueQuery(executionId), enabled, refetchInterval: enabled ? 3_000 : false })
}
