import { supabase } from '../../../lib/supabase.ts'

/**
 * Signs in anonymously (unless already signed in) and opens the visitor's sandbox organization, returning its
 * id. The database refuses more than a few sandboxes per address and in total, with a 429 and a sentence.
 */
export async function startDemo(): Promise<string> {
  const { data: current } = await supabase.auth.getSession()
  if (!current.session) {
    const { error } = await supabase.auth.signInAnonymously()
    if (error) throw error
  }
  const { data, error } = await supabase.rpc('open_sandbox')
  if (error) {
    // Refused (a rate limit, say): stay a signed-out visitor rather than an anonymous user with nothing.
    if (!current.session) await supabase.auth.signOut()
    throw new Error(error.message)
  }
  return data as string
}
