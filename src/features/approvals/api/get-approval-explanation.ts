import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { fetchPeople } from '../../../lib/people.ts'
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
    group?: { kind: 'role' | 'team' | 'people' | 'roles'; user_ids?: string[] | null }
    /** Named people rules: who they are (display names, filled in after the call). */
    people?: string[]
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

/** One request explained by the database: rule progress, votes and the caller's eligibility, named people by name. */
export async function getApprovalExplanation(requestId: string, signal?: AbortSignal): Promise<ApprovalExplanation> {
  const { data, error } = await supabase.rpc('approval_request_explain', { _request_id: requestId }).abortSignal(signal!)
  if (error) throw error
  const explanation = data as unknown as ApprovalExplanation
  const named = explanation.rules.flatMap((r) => (r.group?.kind === 'people' ? r.group.user_ids ?? [] : []))
  if (named.length === 0) return explanation
  const people = await fetchPeople(named, signal)
  return {
    ...explanation,
    rules: explanation.rules.map((r) => (r.group?.kind === 'people'
      ? { ...r, people: (r.group.user_ids ?? []).map((id) => people.get(id) ?? 'someone outside your organization') }
      : r)),
  }
}

export const approvalExplanationQuery = (requestId: string) => queryOptions({
  // Under the approvals prefix, so the live approvals hook and a cast vote refresh it.
  queryKey: [...queryKeys.approvals.detail(requestId), 'explain'] as const,
  queryFn: ({ signal }) => getApprovalExplanation(requestId, signal),
})

export const useApprovalExplanation = (requestId: string) => useQuery(approvalExplanationQuery(requestId))
