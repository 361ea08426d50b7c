import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { defaultModeChoice, toStoredMode, type DefaultModeChoice } from '../lib/profile-schema.ts'

/** Saves user_preferences.default_mode (null: follow my role). The row is the user's own (RLS), made at signup. */
export async function saveDefaultMode(userId: string, choice: DefaultModeChoice): Promise<void> {
  const mode = toStoredMode(defaultModeChoice.parse(choice))
  const { error } = await supabase.from('user_preferences').upsert({ user_id: userId, default_mode: mode }, { onConflict: 'user_id' })
  if (error) throw error
}

/** The shell's mode follows this choice, so the whole workspace is refreshed. */
export function useSaveDefaultMode(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (choice: DefaultModeChoice) => saveDefaultMode(userId, choice),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
