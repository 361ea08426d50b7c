import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/**
 * What approval_request_explain returns (jsonb built by the database, so typed here rather than parsed: the card
 * sits on the first route, which should not carry zod).
 */
export interface ApprovalExplanation {
  status: string
  current_level: number
  levels: number
  waiting_for: string | null
  policy: { version: number; change_reason: string; created_by_name: string | null } | null
  rules: Array<{
    id: string | null; level: number; name: string; required: number; counted: number
    missing: number; state: 'met' | 'open' | 'waiting'; summary: string; includes_me: boolean
  }>
  votes: Array<{
    user_id: string; name: string; vote: 'approve' | 'reject'; comment: string | null
    ticket_id: string | null; impact_notes: string | null; created_at: string; rule_name: string | null
  }>
  me: {
    can_vote: boolean; can_approve: boolean; can_reject: boolean; code: string | null
    reason: string | null; needs_ticket: boolean; needs_impact: boolean
  }
}

/** One request explained by the database: rule progress, votes and the caller's eligibility. */
export async function getApprovalExplanation(requestId: string, signal?: AbortSignal): Promise<ApprovalExplanation> {
  const { data, error } = await supabase.rpc('approval_request_explain', { _request_id: requestId }).abortSignal(signal!)
  if (error) throw error
  return data as unknown as ApprovalExplanation
}

export const approvalExplanationQuery = (requestId: string) => queryOptions({
  // Under the approvals prefix, so the live approvals hook and a cast vote refresh it.
  queryKey: [...queryKeys.approvals.detail(requestId), 'explain'] as const,
  queryFn: ({ signal }) => getApprovalExplanation(requestId, signal),
})

export const useApprovalExplanation = (requestId: string) => useQuery(approvalExplanationQuery(requestId))
