import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** A run's approval requests still waiting for votes: what a paused run is blocked on. */
export async function listOpenApprovals(executionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('approval_requests')
    .select('id, node_id, title, approval_count, required_approvals, waiting_for, environments(display_name)')
    .eq('execution_id', executionId).eq('status', 'pending').order('created_at').abortSignal(signal!)
  if (error) throw error
  return data
}

export const openApprovalsQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.approvals(executionId),
  queryFn: ({ signal }) => listOpenApprovals(executionId, signal),
})

export const useOpenApprovals = (executionId: string, enabled = true) => useQuery({ ...openApprovalsQuery(executionId), enabled })
