// The organization's GitHub token: one per organization, sealed with the function key, opened only here.
import type { SupabaseClient } from '@supabase/supabase-js'
import { openSecret, sealSecret } from '../crypto/secret-box.ts'
import { HttpError } from '../http.ts'

export async function saveOrgToken(admin: SupabaseClient, organizationId: string, userId: string, token: string, scopes: string[]) {
  const sealed = await sealSecret(token)
  const { error: removeError } = await admin.from('github_tokens').delete().eq('organization_id', organizationId)
  if (removeError) throw removeError
  const { data, error } = await admin.from('github_tokens').insert({
    organization_id: organizationId, user_id: userId, encrypted_token: sealed, token_hint: token.slice(-4), scopes,
  }).select('id, organization_id, token_hint, scopes, created_at').single()
  if (error) throw error
  return data
}

/** The organization's token in clear, for a call made on a member's behalf; 409 when none is saved. */
export async function orgToken(admin: SupabaseClient, organizationId: string): Promise<string> {
  const { data, error } = await admin.from('github_tokens').select('encrypted_token').eq('organization_id', organizationId).maybeSingle()
  if (error) throw error
  if (!data) throw new HttpError(409, 'no_github_token', 'This organization has no GitHub token yet: an admin saves one in Settings')
  try {
    return await openSecret(data.encrypted_token)
  } catch {
    throw new HttpError(409, 'github_token_unreadable', 'The saved GitHub token cannot be decrypted with this deployment\'s key: save it again')
  }
}
