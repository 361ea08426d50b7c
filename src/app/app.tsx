import { AccountCard } from '../features/auth/components/account-card.tsx'
import { AuthForm } from '../features/auth/components/auth-form.tsx'
import { useSession } from '../features/auth/hooks/use-session.ts'

export function App() {
  const session = useSession()
  return (
    <main>
      <header>
        <h1>Opzenix</h1>
        <p className="lede">
          CI/CD control tower. This page is a placeholder until the control tower lands: it only proves sign-up,
          sign-in and sign-out against the stack.
        </p>
      </header>
      {session === undefined ? <p role="status">Loading…</p> : session ? <AccountCard session={session} /> : <AuthForm />}
    </main>
  )
}
