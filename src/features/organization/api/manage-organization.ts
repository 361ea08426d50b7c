import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { refuse } from '../lib/refusal.ts'

export const renameSchema = z.object({
  name: z.string().trim().min(1, 'Give the organization a name').max(80, 'At most 80 characters'),
  slug: z.string().trim().min(1, 'Give it a slug').max(48, 'At most 48 characters')
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Lowercase letters, digits and dashes only, starting with a letter or digit'),
})
export type RenameForm = z.infer<typeof renameSchema>

/** Renames the organization or changes its slug (RLS: admins; slugs are unique across the installation). */
export async function renameOrganization(orgId: string, input: RenameForm): Promise<void> {
  const values = renameSchema.parse(input)
  const { data, error } = await supabase.from('organizations').update(values).eq('id', orgId).select('id')
  if (error) refuse(error, { action: 'rename the organization', duplicate: `The slug “${values.slug}” is taken by another organization; pick another.` })
  if (data.length === 0) refuse({ code: 'no_rows' }, { action: 'rename the organization' })
}

/** Makes another member the owner (and an admin); only the owner may. */
export async function transferOrganization(orgId: string, newOwner: string): Promise<void> {
  const { error } = await supabase.rpc('transfer_organization', { _organization_id: orgId, _new_owner: newOwner })
  if (error) refuse(error, { action: 'transfer the organization' })
}

/** Deletes the organization and everything in it (RLS: the owner only; anyone else deletes nothing). */
export async function deleteOrganization(orgId: string): Promise<void> {
  const { data, error } = await supabase.from('organizations').delete().eq('id', orgId).select('id')
  if (error) refuse(error, { action: 'delete the organization' })
  if (data.length === 0) {
    refuse({ code: 'no_rows' }, { action: 'delete the organization', noRows: 'The database deleted nothing: only the owner of an organization can delete it.' })
  }
}

function useWorkspaceMutation<T>(run: (input: T) => Promise<void>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }) })
}

export const useRenameOrganization = (orgId: string) => useWorkspaceMutation((values: RenameForm) => renameOrganization(orgId, values))
export const useTransferOrganization = (orgId: string) => useWorkspaceMutation((newOwner: string) => transferOrganization(orgId, newOwner))
export const useDeleteOrganization = (orgId: string) => useWorkspaceMutation(() => deleteOrganization(orgId))
