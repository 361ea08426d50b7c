import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { fetchPeople } from '../../../lib/people.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const BREAK_GLASS_REASONS = ['incident', 'security_fix', 'customer_escalation', 'other'] as const satisfies readonly Enums<'break_glass_reason'>[]

export const breakGlassReasonLabel = {
  incident: 'Incident', security_fix: 'Security fix', customer_escalation: 'Customer escalation', other: 'Other',
} satisfies Record<Enums<'break_glass_reason'>, string>

export const requestBreakGlassInput = z.object({
  reason_category: z.enum(BREAK_GLASS_REASONS),
  reason: z.string().trim().min(3, 'Say why in at least 3 characters').max(500, 'Keep it under 500 characters'),
})
export type RequestBreakGlassInput = z.infer<typeof requestBreakGlassInput>

/** This environment's break-glass requests of the last day, newest first, with who asked and who decided. */
export async function listBreakGlassRequests(environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('break_glass_requests')
    .select('id, requested_by, reason_category, reason, status, decided_by, decided_at, decision_comment, expires_at, used_at, deployment_id, created_at')
    .eq('environment_id', environmentId).gt('created_at', new Date(Date.now() - 86_400_000).toISOString())
    .order('created_at', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.flatMap((r) => [r.requested_by, r.decided_by]), signal)
  return data.map((r) => ({ ...r, requestedByName: people.get(r.requested_by) ?? 'someone', decidedByName: r.decided_by ? people.get(r.decided_by) ?? 'someone' : null }))
}
export type BreakGlassRequest = Awaited<ReturnType<typeof listBreakGlassRequests>>[number]

export const breakGlassQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.governance.breakGlass(environmentId),
  queryFn: ({ signal }) => listBreakGlassRequests(environmentId, signal),
})

export const useBreakGlassRequests = (environmentId: string, enabled = true) =>
  useQuery({ ...breakGlassQuery(environmentId), enabled, refetchInterval: enabled ? 5_000 : false })

export interface BreakGlassTarget { organizationId: string; projectId: string; environmentId: string; userId: string }

/** Asks to break glass in the environment as oneself (RLS: break-glass here, admins by default). */
export async function requestBreakGlass(target: BreakGlassTarget, input: RequestBreakGlassInput): Promise<void> {
  const values = requestBreakGlassInput.parse(input)
  // organization_id and project_id are set from the environment by a trigger whatever is sent.
  const { error } = await supabase.from('break_glass_requests').insert({
    organization_id: target.organizationId, project_id: target.projectId, environment_id: target.environmentId, requested_by: target.userId, ...values,
  })
  if (error) throw new Error(/row-level security/.test(error.message) ? 'You may not break glass here: it needs break-glass (admins by default).' : error.message)
}

/** A second admin approves or rejects (decide_break_glass refuses the requester and non-admins). */
export async function decideBreakGlass(requestId: string, approve: boolean, comment?: string): Promise<void> {
  const { error } = await supabase.rpc('decide_break_glass', { _request_id: requestId, _approve: approve, _comment: comment })
  if (error) throw new Error(error.message)
}

export function useBreakGlassMutations(target: BreakGlassTarget) {
  const queryClient = useQueryClient()
  const settle = () => queryClient.invalidateQueries({ queryKey: queryKeys.governance.breakGlass(target.environmentId) })
  return {
    request: useMutation({ mutationFn: (input: RequestBreakGlassInput) => requestBreakGlass(target, input), onSettled: settle }),
    decide: useMutation({ mutationFn: ({ id, approve }: { id: string; approve: boolean }) => decideBreakGlass(id, approve), onSettled: settle }),
  }
}
