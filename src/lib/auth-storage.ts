/** Where supabase-js keeps the session, named here so the entry can tell "signed out" without loading it. */
export const AUTH_STORAGE_KEY = 'opzenix.auth'

/** True when a session (possibly expired: supabase-js refreshes it) is stored in this browser. */
export function hasStoredSession(): boolean {
  try {
    return localStorage.getItem(AUTH_STORAGE_KEY) !== null
  } catch {
    return false
  }
}
