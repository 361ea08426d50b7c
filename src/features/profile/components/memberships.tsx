import { EmptyState } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { AppRole } from '../../../lib/permissions.ts'
import type { ProfileData } from '../api/get-profile.ts'

const roleMeaning = {
  admin: 'Manages members, environments and locks; approves deploys',
  operator: 'Builds and runs pipelines, votes on gates, rolls back',
  viewer: 'Sees everything, changes nothing',
} satisfies Record<AppRole, string>

/** The organizations the user belongs to and their role in each (organization admins change roles). */
export function Memberships({ memberships }: { memberships: ProfileData['memberships'] }) {
  return (
    <Card aria-labelledby="memberships-title">
      <CardHeader>
        <div>
          <CardTitle id="memberships-title">Organizations</CardTitle>
          <CardDescription>Your role in each; an organization admin can change it.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {memberships.length === 0 ? <EmptyState title="No organization yet" description="Ask an admin to add you to one." />
          : (
            <ul className="flex flex-col divide-y text-sm" aria-label="Your organizations">
              {memberships.map((m) => (
                <li key={m.organization_id} className="flex items-center gap-3 py-2" data-testid="membership">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{m.organizations?.name ?? 'Unknown organization'}</p>
                    <p className="text-xs text-muted-foreground">{roleMeaning[m.role]} · member since {new Date(m.created_at).toLocaleDateString()}</p>
                  </div>
                  <Badge tone="accent" data-testid="membership-role">{m.role}</Badge>
                </li>
              ))}
            </ul>
          )}
      </CardContent>
    </Card>
  )
}
