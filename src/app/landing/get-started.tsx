import { AuthForm, type AuthMode } from '../../features/auth/components/auth-form.tsx'
import { TryDemoButton } from './try-demo-button.tsx'

export function GetStarted({ onEnterApp, chosen }: { onEnterApp: () => void; chosen: AuthMode | null }) {
  return (
    <section id="get-started" aria-labelledby="start-title" className="grid gap-6 md:grid-cols-2">
      <div className="flex flex-col gap-3">
        <h2 id="start-title" className="text-2xl font-semibold">Get started</h2>
        <p className="text-muted-foreground">
          Sign in, or create an account and then an organization of your own. To look around first, the demo opens a
          sandbox organization just for you, with no account; it is deleted after a day.
        </p>
        <div><TryDemoButton onEnterApp={onEnterApp} label="Try the demo without an account" /></div>
      </div>
      {/* Remounted in the chosen mode, focused, when the visitor picks Sign in or Sign up above. */}
      <AuthForm key={chosen ?? 'initial'} defaultMode={chosen ?? 'sign-in'} autoFocus={chosen !== null} onSignedIn={onEnterApp} />
    </section>
  )
}
