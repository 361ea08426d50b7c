import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { invitationLink, inviteMember, type InviteForm } from '../../organization/api/invitations.ts'
import type { ChainEnvironment } from '../lib/default-chain.ts'

/** The promotion chain in order (position 0 first), in one request so a refusal creates none of it. */
export async function createChain(projectId: string, chain: ChainEnvironment[]) {
  const { data, error } = await supabase.from('environments')
    .insert(chain.map((env, position) => ({ project_id: projectId, position, ...env, display_name: env.display_name.trim() })))
    .select('id, key')
  if (error) throw error.code === '23505' ? new Error('This project already has an environment with one of these keys') : error
  return data
}

/** Invites each address; one refusal (a member already, a bad address) does not stop the others. */
export async function inviteAll(orgId: string, invitations: InviteForm[]) {
  return Promise.all(invitations.map(async (input) => {
    try {
      const sent = await inviteMember(orgId, input)
      return { email: sent.email, role: input.role, link: invitationLink(sent.token), expiresAt: sent.expiresAt }
    } catch (error) {
      return { email: input.email, error: (error as Error).message }
    }
  }))
}

export function useSetupMutations(orgId: string) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all })
  return {
    chain: useMutation({
      mutationFn: ({ projectId, chain }: { projectId: string; chain: ChainEnvironment[] }) => createChain(projectId, chain),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
    }),
    invite: useMutation({ mutationFn: (list: InviteForm[]) => inviteAll(orgId, list), onSuccess: refresh }),
  }
}
