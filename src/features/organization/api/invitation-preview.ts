import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refuse } from '../lib/refusal.ts'
import { toInvitationStatus } from '../lib/roles.ts'

/** What an invitation link offers (signed-in users only); status "missing" when no invitation has this token. */
export async function getInvitationPreview(token: string, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('invitation_preview', { _token: token }).abortSignal(signal!)
  if (error) throw error
  const row = data[0]
  return row ? { ...row, status: toInvitationStatus(row.status) } : { status: 'missing' as const }
}

export type InvitationPreview = Awaited<ReturnType<typeof getInvitationPreview>>

export const invitationPreviewQuery = (token: string) => queryOptions({
  queryKey: queryKeys.organization.invitation(token),
  queryFn: ({ signal }) => getInvitationPreview(token, signal),
})

export const useInvitationPreview = (token: string) => useQuery(invitationPreviewQuery(token))

/** Accepts the invitation for the signed-in user; returns the organization's id. Refusals are sentences. */
export async function acceptInvitation(token: string): Promise<string> {
  const { data, error } = await supabase.rpc('accept_invitation', { _token: token })
  if (error) refuse(error, { action: 'accept this invitation' })
  return data
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
