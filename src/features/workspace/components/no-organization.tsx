import { Building2 } from 'lucide-react'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'

/** A new account belongs to no organization until an organization admin adds it: say so plainly. */
export function NoOrganization() {
  const { user } = useWorkspace()
  return (
    <div className="mx-auto max-w-lg py-16">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-base"><Building2 className="size-5" aria-hidden /> You're in, but not in an organization yet</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 text-sm">
          <p>Signed in as <strong>{user.email}</strong>, with the role <strong>viewer</strong>.</p>
          <p className="text-muted-foreground">
            Pipelines, runs and environments belong to organizations. Ask an admin of your organization to add this
            email as a member; you will see its projects as soon as they do.
          </p>
        </CardContent>
      </Card>
    </div>
  )
}
