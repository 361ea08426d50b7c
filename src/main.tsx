import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { hasStoredSession } from './lib/auth-storage.ts'
import './styles.css'

const root = createRoot(document.getElementById('root')!)

// Loaded lazily so that a build missing its Supabase settings says so on the page instead of going blank.
function startApp() {
  import('./app/app.tsx').then(
    ({ App }) => root.render(<StrictMode><App /></StrictMode>),
    (error: Error) => root.render(<main className="mx-auto max-w-md p-8"><h1 className="text-2xl font-semibold">Opzenix</h1><p role="alert" className="text-destructive">{error.message}</p></main>),
  )
}

// A signed-out visit to / gets the landing page, which loads neither supabase-js nor the app until it is used.
if (location.pathname === '/' && !hasStoredSession()) {
  import('./app/landing/landing-page.tsx').then(
    ({ LandingPage }) => root.render(<StrictMode><LandingPage onEnterApp={startApp} /></StrictMode>),
    startApp,
  )
} else {
  startApp()
}
