import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { RouterProvider } from 'react-router'
import { LoadingRows } from '../components/states.tsx'
import { Toaster } from '../components/ui/toaster.tsx'
import { useSession } from '../features/auth/hooks/use-session.ts'
import { WorkspaceProvider } from '../features/workspace/components/workspace-provider.tsx'
import { createQueryClient } from '../lib/query-client.ts'
import { applyTheme } from './layout/theme.ts'
import { router } from './router.tsx'

applyTheme()
// Validation messages in sentences for every form; zod is loaded off the first render (only forms need it).
void import('../lib/zod-messages.ts').then((m) => m.installZodSentences())

// Signed-in visits (most of them) never load the sign-in form.
const SignInPage = lazy(() => import('../features/auth/pages/sign-in-page.tsx'))

/** Signed out: the sign-in page at whatever URL was asked for. Signed in: the workspace and its routes. */
export function App() {
  const session = useSession()
  const [queryClient] = useState(createQueryClient)
  if (session === undefined) return <div className="p-8"><LoadingRows /></div>
  return (
    <QueryClientProvider client={queryClient}>
      {session ? (
        <WorkspaceProvider key={session.user.id} user={session.user}>
          <RouterProvider router={router} />
        </WorkspaceProvider>
      ) : <Suspense fallback={<div className="p-8"><LoadingRows /></div>}><SignInPage /></Suspense>}
      <Toaster />
    </QueryClientProvider>
  )
}
