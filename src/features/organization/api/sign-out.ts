import { supabase } from '../../../lib/supabase.ts'

/** Signs out, so that someone signed in with the wrong address can sign in with the invited one. */
export async function signOut(): Promise<void> {
  const { error } = await supabase.auth.signOut()
  if (error) throw error
}
