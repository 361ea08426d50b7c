import { Workflow } from 'lucide-react'
import { AuthForm } from '../components/auth-form.tsx'

export default function SignInPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4">
      <header className="flex flex-col gap-2">
        <div className="flex items-center gap-2 text-primary">
          <Workflow className="size-7" aria-hidden />
          <span className="text-2xl font-semibold tracking-tight text-foreground">Opzenix</span>
        </div>
        <p className="text-sm text-muted-foreground">
          The CI/CD control tower: build pipelines, watch every run live, approve, deploy and roll back.
        </p>
      </header>
      <AuthForm />
    </main>
  )
}
