import { Workflow } from 'lucide-react'
import { useState, type MouseEvent } from 'react'
import type { AuthMode } from '../../features/auth/components/auth-form.tsx'
import { applyTheme } from '../layout/theme.ts'
import { Comparison } from './comparison.tsx'
import { GetStarted } from './get-started.tsx'
import { Hero } from './hero.tsx'
import { RunIt } from './run-it.tsx'
import { Screenshots } from './screenshots.tsx'

applyTheme()

/**
 * The public face at / for signed-out visitors: its own layout, outside the signed-in shell. It imports no
 * supabase-js, router or query client; the sign-in form and "Try the demo" load those when used, then
 * `onEnterApp` swaps in the app.
 */
export function LandingPage({ onEnterApp }: { onEnterApp: () => void }) {
  // Set once the visitor picks sign in or sign up: the form then opens in that mode with focus in it.
  const [chosen, setChosen] = useState<AuthMode | null>(null)
  // The link's own jump would leave focus on the page (a section is not focusable); focusing the field scrolls to it.
  const choose = (mode: AuthMode) => (event: MouseEvent) => {
    event.preventDefault()
    setChosen(mode)
  }
  return (
    <div className="min-h-screen bg-background text-foreground">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b bg-card">
        <nav aria-label="Site" className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <a href="/" className="flex items-center gap-2 font-semibold text-foreground">
            <Workflow className="size-6 text-primary" aria-hidden />
            <span className="text-lg tracking-tight">Opzenix</span>
          </a>
          <ul className="flex flex-wrap items-center gap-1 text-sm">
            <li><a className="rounded-md px-3 py-2 hover:bg-accent" href="#compare">Compare</a></li>
            <li><a className="rounded-md px-3 py-2 hover:bg-accent" href="#run-it">Run it</a></li>
            <li><a className="rounded-md px-3 py-2 font-medium text-primary hover:bg-accent" href="#get-started" onClick={choose('sign-in')}>Sign in</a></li>
            <li><a className="rounded-md bg-primary px-3 py-2 font-medium text-primary-foreground hover:bg-primary/90" href="#get-started" onClick={choose('sign-up')}>Sign up</a></li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-6xl flex-col gap-16 px-4 py-10 outline-none sm:py-16">
        <Hero onEnterApp={onEnterApp} onSignUp={choose('sign-up')} />
        <Screenshots />
        <Comparison />
        <RunIt />
        <GetStarted onEnterApp={onEnterApp} chosen={chosen} />
      </main>
      <footer className="border-t py-6 text-center text-sm text-muted-foreground">
        Opzenix: an open CI/CD control tower on Supabase.
      </footer>
    </div>
  )
}
