import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { AppRole } from '../../../lib/permissions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refuse } from '../lib/refusal.ts'

/** Changes a member's role (RLS: admins; a trigger keeps the owner an admin). */
export async function changeRole(memberId: string, role: AppRole): Promise<void> {
  const { data, error } = await supabase.from('organization_members').update({ role }).eq('id', memberId).select('id')
  if (error) refuse(error, { action: 'change roles' })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'change roles' })
}

/** Removes a member, or (own row) leaves the organization (RLS: admins, or the member themselves; never the owner). */
export async function removeMember(memberId: string): Promise<void> {
  const { data, error } = await supabase.from('organization_members').delete().eq('id', memberId).select('id')
  if (error) refuse(error, { action: 'remove members' })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'remove members' })
}

// Roles decide what the whole workspace shows (one's own role included), so all of it refreshes.
export function useChangeRole() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: AppRole }) => changeRole(memberId, role),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}

export function useRemoveMember() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: removeMember,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
