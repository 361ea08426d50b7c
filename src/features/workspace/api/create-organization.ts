import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { organizationRefusal, type OrganizationForm } from '../lib/onboarding.ts'

/** Creates an organization the user owns; a trigger makes them its admin. A refusal is thrown as a sentence. */
export async function createOrganization(userId: string, input: OrganizationForm): Promise<{ id: string }> {
  const name = input.name.trim()
  const slug = input.slug.trim()
  const { data, error } = await supabase.from('organizations').insert({ name, slug, owner_id: userId }).select('id').single()
  if (error) throw new Error(organizationRefusal(error, slug))
  return data
}

export function useCreateOrganization(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: OrganizationForm) => createOrganization(userId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
