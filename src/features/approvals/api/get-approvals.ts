import type { QueryData } from '@supabase/supabase-js'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const DECIDED_PAGE_SIZE = 10

const columns = `id, execution_id, node_id, title, status, required_approvals, approval_count, allowed_roles, allow_self_approval,
  expires_at, requested_by, resolved_at, created_at, environment_id,
  executions (id, name, started_by, status),
  environments (key, display_name),
  approval_votes (id, user_id, vote, comment, created_at)`

/** Adds who requested, who started the run and who voted, by name. */
const selectRequests = () => supabase.from('approval_requests').select(columns)
type RawRequest = QueryData<ReturnType<typeof selectRequests>>[number]

async function withNames(rows: RawRequest[], signal?: AbortSignal) {
  const people = await fetchPeople(rows.flatMap((r) => [r.requested_by, r.executions?.started_by, ...r.approval_votes.map((v) => v.user_id)]), signal)
  const name = (id: string | null | undefined) => (id ? people.get(id) ?? 'Someone outside your organization' : null)
  return rows.map(({ approval_votes, ...r }) => ({
    ...r,
    requestedByName: name(r.requested_by),
    startedByName: name(r.executions?.started_by),
    approval_votes: [...approval_votes]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((v) => ({ ...v, voterName: name(v.user_id)! })),
  }))
}

/** Every pending request of the project, newest first (few at a time by nature: one per waiting gate). */
export async function getPendingApprovals(projectId: string, signal?: AbortSignal) {
  const { data, error } = await selectRequests()
    .eq('project_id', projectId).eq('status', 'pending')
    .order('created_at', { ascending: false }).limit(100).abortSignal(signal!)
  if (error) throw error
  return withNames(data, signal)
}

/** One page of decided (approved, rejected, expired, cancelled) requests, most recently decided first. */
export async function getDecidedApprovals(projectId: string, page: number, signal?: AbortSignal) {
  const from = page * DECIDED_PAGE_SIZE
  const { data, error, count } = await supabase.from('approval_requests').select(columns, { count: 'exact' })
    .eq('project_id', projectId).neq('status', 'pending')
    .order('resolved_at', { ascending: false, nullsFirst: false }).order('created_at', { ascending: false })
    .range(from, from + DECIDED_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: await withNames(data, signal), total: count ?? data.length }
}

export type ApprovalRequest = Awaited<ReturnType<typeof getPendingApprovals>>[number]

export const pendingApprovalsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.approvals.pending(projectId),
  queryFn: ({ signal }) => getPendingApprovals(projectId, signal),
})

export const decidedApprovalsQuery = (projectId: string, page: number) => queryOptions({
  queryKey: queryKeys.approvals.decided(projectId, page),
  queryFn: ({ signal }) => getDecidedApprovals(projectId, page, signal),
  placeholderData: (previous) => previous,
})

export const usePendingApprovals = (projectId: string) => useQuery(pendingApprovalsQuery(projectId))
export const useDecidedApprovals = (projectId: string, page: number) => useQuery(decidedApprovalsQuery(projectId, page))
