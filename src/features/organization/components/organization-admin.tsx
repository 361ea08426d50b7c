import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { WorkspaceOrganization } from '../../../lib/workspace.ts'
import { DeleteOrganization } from './delete-organization.tsx'
import { RenameOrganization } from './rename-organization.tsx'
import { TransferOwnership } from './transfer-ownership.tsx'

/** Name, ownership and deletion: admins rename; only the owner transfers or deletes. */
export function OrganizationAdmin({ organization, isOwner, ownerLabel, projectCount, onDeparture }: {
  organization: WorkspaceOrganization
  isOwner: boolean
  ownerLabel: string
  projectCount: number
  onDeparture(): void
}) {
  return (
    <section aria-labelledby="organization-settings-title" className="flex flex-col gap-3">
      <h2 id="organization-settings-title" className="text-lg font-semibold">Organization</h2>
      <Card>
        <CardHeader><CardTitle>Name</CardTitle></CardHeader>
        <CardContent><RenameOrganization orgId={organization.id} name={organization.name} slug={organization.slug} /></CardContent>
      </Card>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Ownership</CardTitle>
            <CardDescription>The owner is always an admin, and is the only one who can transfer or delete the organization.</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          {isOwner ? <TransferOwnership orgId={organization.id} orgName={organization.name} ownerId={organization.ownerId} />
            : <p className="text-sm" data-testid="owner-sentence">{ownerLabel} owns {organization.name}; only they can transfer or delete it.</p>}
        </CardContent>
      </Card>
      {isOwner && (
        <Card className="border-destructive/40">
          <CardHeader>
            <div>
              <CardTitle>Delete the organization</CardTitle>
              <CardDescription>Everything in it goes: projects, pipelines, runs, environments, members and teams.</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="flex flex-col">
            <DeleteOrganization orgId={organization.id} orgName={organization.name} slug={organization.slug} projectCount={projectCount} onDeparture={onDeparture} />
          </CardContent>
        </Card>
      )}
    </section>
  )
}
