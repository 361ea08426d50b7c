/** A row of auth.users as pg returns it. */
export interface UserRow {
  id: string
  aud: string | null
  role: string | null
  email: string | null
  encrypted_password: string | null
  email_confirmed_at: Date | null
  invited_at: Date | null
  confirmation_sent_at: Date | null
  recovery_sent_at: Date | null
  email_change: string | null
  email_change_sent_at: Date | null
  last_sign_in_at: Date | null
  raw_app_meta_data: Record<string, unknown> | null
  raw_user_meta_data: Record<string, unknown> | null
  created_at: Date | null
  updated_at: Date | null
  phone: string | null
  phone_confirmed_at: Date | null
  confirmed_at: Date | null
  banned_until: Date | null
  deleted_at: Date | null
  is_anonymous: boolean
}

/** A row of auth.identities. */
export interface IdentityRow {
  id: string
  provider_id: string
  user_id: string
  identity_data: Record<string, unknown>
  provider: string
  last_sign_in_at: Date | null
  created_at: Date | null
  updated_at: Date | null
  email: string | null
}

function withTimes(out: Record<string, unknown>, row: Record<string, unknown>, names: string[]): void {
  // GoTrue leaves unset timestamps out of its JSON rather than sending null.
  for (const name of names) {
    const value = row[name]
    if (value instanceof Date) out[name] = value.toISOString()
  }
}

export function identityJson(row: IdentityRow): Record<string, unknown> {
  return {
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: row.last_sign_in_at?.toISOString(),
    created_at: row.created_at?.toISOString(),
    updated_at: row.updated_at?.toISOString(),
    email: row.email ?? undefined,
  }
}

/** The user object GoTrue sends (GET /user, sessions, admin API). */
export function userJson(row: UserRow, identities: IdentityRow[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    aud: row.aud ?? '',
    role: row.role ?? '',
    email: row.email ?? '',
  }
  withTimes(out, row as unknown as Record<string, unknown>, ['email_confirmed_at', 'invited_at'])
  out.phone = row.phone ?? ''
  withTimes(out, row as unknown as Record<string, unknown>, [
    'phone_confirmed_at', 'confirmation_sent_at', 'confirmed_at', 'recovery_sent_at',
  ])
  if (row.email_change) out.new_email = row.email_change
  withTimes(out, row as unknown as Record<string, unknown>, ['email_change_sent_at', 'last_sign_in_at'])
  out.app_metadata = row.raw_app_meta_data ?? {}
  out.user_metadata = row.raw_user_meta_data ?? {}
  out.identities = identities.map(identityJson)
  withTimes(out, row as unknown as Record<string, unknown>, ['banned_until'])
  out.created_at = row.created_at?.toISOString()
  out.updated_at = row.updated_at?.toISOString()
  withTimes(out, row as unknown as Record<string, unknown>, ['deleted_at'])
  out.is_anonymous = row.is_anonymous
  return out
}
