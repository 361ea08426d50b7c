import type { MouseEvent } from 'react'
import { TryDemoButton } from './try-demo-button.tsx'

const POINTS = [
  'Build pipelines as graphs and watch every stage run live.',
  'Approvals, environment locks and freeze windows are enforced in Postgres, not only in the UI.',
  'Deploy, promote one exact version along dev → staging → prod, and roll back with a reason.',
  'Every change lands in a hash-chained audit trail.',
]

export function Hero({ onEnterApp, onSignUp }: { onEnterApp: () => void; onSignUp: (event: MouseEvent) => void }) {
  return (
    <section aria-labelledby="hero-title" className="flex flex-col gap-6">
      <h1 id="hero-title" className="max-w-3xl text-3xl font-semibold tracking-tight sm:text-5xl">
        The CI/CD control tower that runs on Supabase
      </h1>
      <p className="max-w-2xl text-lg text-muted-foreground">
        Opzenix gives operators and admins one place to run pipelines, approve deploys, lock environments and roll
        back, with security enforced by row-level security in the database.
      </p>
      <ul className="grid max-w-3xl gap-2 sm:grid-cols-2">
        {POINTS.map((point) => (
          <li key={point} className="rounded-md border bg-card p-3 text-sm">{point}</li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <TryDemoButton onEnterApp={onEnterApp} />
        <a href="#get-started" onClick={onSignUp} className="inline-flex h-10 items-center rounded-md border border-input bg-card px-6 text-sm font-medium hover:bg-accent">
          Create an account
        </a>
      </div>
    </section>
  )
}
