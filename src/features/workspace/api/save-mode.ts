import { supabase } from '../../../lib/supabase.ts'
import type { Mode } from '../../../lib/modes.ts'

/** Saves the mode the app opens in (user_preferences.default_mode; RLS lets users write only their own). */
export async function saveMode(userId: string, mode: Mode): Promise<void> {
  const { error } = await supabase.from('user_preferences').update({ default_mode: mode }).eq('user_id', userId)
  if (error) throw error
}
