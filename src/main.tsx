import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'

const root = createRoot(document.getElementById('root')!)

// Loaded lazily so that a build missing its Supabase settings says so on the page instead of going blank.
import('./app/app.tsx').then(
  ({ App }) => root.render(<StrictMode><App /></StrictMode>),
  (error: Error) => root.render(<main className="mx-auto max-w-md p-8"><h1 className="text-2xl font-semibold">Opzenix</h1><p role="alert" className="text-destructive">{error.message}</p></main>),
)
