import { supabase } from '../../../lib/supabase.ts'

export interface Credentials {
  email: string
  password: string
}

/** Creates an account; `signedIn` is false when the project asks for an email confirmation first. */
export async function signUp({ email, password }: Credentials): Promise<{ signedIn: boolean }> {
  const { data, error } = await supabase.auth.signUp({ email, password })
  if (error) throw error
  return { signedIn: data.session !== null }
}

export async function signIn({ email, password }: Credentials): Promise<void> {
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) throw error
}

export async function signOut(): Promise<void> {
  const { error } = await supabase.auth.signOut()
  if (error) throw error
}
