import { Building2 } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'

// The form loads only for the users who see it; the sentence around it shows at once.
const CreateOrganizationForm = lazy(() => import('./create-organization-form.tsx').then((m) => ({ default: m.CreateOrganizationForm })))

/** A user in no organization creates one (and becomes its admin), or opens the invitation link they were sent. */
export function NoOrganization() {
  const { user } = useWorkspace()
  return (
    <div className="mx-auto max-w-lg py-12">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-base"><Building2 className="size-5" aria-hidden /> You're in, but not in an organization yet</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          <p className="text-muted-foreground">
            Signed in as <strong className="text-foreground">{user.email}</strong>. Pipelines, runs and environments belong to
            organizations. If a colleague invited you, open the link they sent. Or start your own: you will be its admin.
          </p>
          <Suspense fallback={<LoadingRows rows={3} />}><CreateOrganizationForm /></Suspense>
        </CardContent>
      </Card>
    </div>
  )
}
