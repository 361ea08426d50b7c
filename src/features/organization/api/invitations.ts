import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { Tables } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refuse } from '../lib/refusal.ts'
import { ROLES } from '../lib/roles.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export type Invitation = Pick<Tables<'organization_invitations'>, 'id' | 'email' | 'role' | 'expires_at' | 'created_at' | 'invited_by'>

/** Open (not yet accepted) invitations, newest first (RLS: admins; the token's hash is never readable). */
export async function getInvitations(orgId: string, signal?: AbortSignal): Promise<Invitation[]> {
  const { data, error } = await supabase.from('organization_invitations').select('id, email, role, expires_at, created_at, invited_by')
    .eq('organization_id', orgId).is('accepted_at', null).order('created_at', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  return data
}

export const invitationsQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.organization.invitations(orgId),
  queryFn: ({ signal }) => getInvitations(orgId, signal),
})

export const useInvitations = (orgId: string, enabled: boolean) => useQuery({ ...invitationsQuery(orgId), enabled })

export const inviteSchema = z.object({
  email: z.string().trim().min(1, 'Enter an email address').email('Enter an email address like name@example.com'),
  role: z.enum(ROLES),
})
export type InviteForm = z.infer<typeof inviteSchema>

export interface CreatedInvitation {
  invitationId: string
  token: string
  expiresAt: string
  email: string
}

/** Invites an address (admins); the token is returned once and only here. Inviting again replaces the open one. */
export async function inviteMember(orgId: string, input: InviteForm): Promise<CreatedInvitation> {
  const { email, role } = inviteSchema.parse(input)
  const { data, error } = await supabase.rpc('invite_member', { _organization_id: orgId, _email: email, _role: role }).single()
  if (error) refuse(error, { action: 'invite members' })
  return { invitationId: data.invitation_id, token: data.token, expiresAt: data.expires_at, email: email.toLowerCase() }
}

/** Revokes an open invitation: its link stops working (RLS: admins, not yet accepted). */
export async function revokeInvitation(id: string): Promise<void> {
  const { data, error } = await supabase.from('organization_invitations').delete().eq('id', id).select('id')
  if (error) refuse(error, { action: 'revoke invitations' })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'revoke invitations', noRows: 'Nothing was revoked: the invitation was accepted or revoked meanwhile.' })
}

export function useInviteMember(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InviteForm) => inviteMember(orgId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.organization.invitations(orgId) }),
  })
}

export function useRevokeInvitation(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeInvitation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.organization.invitations(orgId) }),
  })
}

/** The link an invited person opens. */
export const invitationLink = (token: string) => `${window.location.origin}/invite/${token}`
