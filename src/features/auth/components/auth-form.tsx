import { useId, useState, type FormEvent } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'

export type AuthMode = 'sign-in' | 'sign-up'
type Mode = AuthMode

const copy = {
  'sign-in': { title: 'Sign in', submit: 'Sign in', busy: 'Signing in…', switchTo: 'sign-up', switchLabel: 'New here? Create an account' },
  'sign-up': { title: 'Create an account', submit: 'Sign up', busy: 'Creating account…', switchTo: 'sign-in', switchLabel: 'Have an account? Sign in' },
} as const satisfies Record<Mode, { title: string; submit: string; busy: string; switchTo: Mode; switchLabel: string }>

interface AuthFormProps {
  defaultMode?: Mode
  /** Off where the form is not the page's first thing (the landing page), so the page does not jump to it. */
  autoFocus?: boolean
  /** Called once a session exists (the landing page then loads the app; elsewhere the session hook notices). */
  onSignedIn?: () => void
}

/** Email and password form that signs in or signs up; errors are announced to screen readers. */
export function AuthForm({ defaultMode = 'sign-in', autoFocus = true, onSignedIn }: AuthFormProps) {
  const [mode, setMode] = useState<Mode>(defaultMode)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const id = useId()
  const text = copy[mode]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const credentials = { email: String(form.get('email')).trim(), password: String(form.get('password')) }
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      // Loaded on submit, so the landing page that shows this form does not carry supabase-js.
      const { signIn, signUp } = await import('../api/auth.ts')
      if (mode === 'sign-in') {
        await signIn(credentials)
        onSignedIn?.()
      } else if (!(await signUp(credentials)).signedIn) setNotice(`Check ${credentials.email} for a confirmation link, then sign in.`)
      else onSignedIn?.()
    } catch (e) {
      setError((e as Error).message || 'Something went wrong. Try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="flex flex-col gap-4 rounded-lg border bg-card p-6 shadow-sm" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-xl font-semibold">{text.title}</h2>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input id={`${id}-email`} name="email" type="email" autoComplete="email" required autoFocus={autoFocus} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`} name="password" type="password" required minLength={mode === 'sign-up' ? 8 : undefined}
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          aria-describedby={mode === 'sign-up' ? `${id}-hint` : undefined}
        />
        {mode === 'sign-up' && <p id={`${id}-hint`} className="text-xs text-muted-foreground">At least 8 characters.</p>}
      </div>
      {error && <Alert tone="danger">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <Button type="submit" disabled={busy}>{busy ? text.busy : text.submit}</Button>
      <Button type="button" variant="link" onClick={() => { setMode(text.switchTo); setError(null); setNotice(null) }}>
        {text.switchLabel}
      </Button>
    </form>
  )
}
