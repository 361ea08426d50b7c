import type { Session } from '@supabase/supabase-js'
import { useState } from 'react'
import { signOut } from '../api/auth.ts'

/** Who is signed in: email, the database role their token carries, and their Opzenix role once one is granted. */
export function AccountCard({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null)
  const { user } = session
  const appRole = typeof user.app_metadata.role === 'string' ? user.app_metadata.role : 'none yet'

  async function onSignOut() {
    setError(null)
    try {
      await signOut()
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Signed in</h2>
      <dl>
        <dt>Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt>Database role</dt>
        <dd data-testid="user-role">{user.role}</dd>
        <dt>Opzenix role</dt>
        <dd>{appRole}</dd>
      </dl>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={onSignOut}>Sign out</button>
    </section>
  )
}
