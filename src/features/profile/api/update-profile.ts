import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { profileSchema, type ProfileForm } from '../lib/profile-schema.ts'

/** Saves the user's own name (RLS: users update only their own profile). */
export async function updateProfile(userId: string, input: ProfileForm): Promise<void> {
  const { fullName } = profileSchema.parse(input)
  const { data, error } = await supabase.from('profiles').update({ full_name: fullName }).eq('id', userId).select('id')
  if (error) throw error
  if (data.length !== 1) throw new Error('Your profile was not found')
}

/** The shell shows the name too, so the whole workspace is refreshed. */
export function useUpdateProfile(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ProfileForm) => updateProfile(userId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
