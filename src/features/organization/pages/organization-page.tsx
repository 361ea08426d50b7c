import { PageHeader } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { can } from '../../../lib/permissions.ts'
import { useOrganization, useWorkspace } from '../../../lib/workspace.ts'
import { memberLabel, useMembers } from '../api/get-members.ts'
import { useLiveDeliveries } from '../api/deliveries.ts'
import { useLiveOrganization } from '../api/use-live-organization.ts'
import { InvitationsSection } from '../components/invitations-section.tsx'
import { MembersSection } from '../components/members-section.tsx'
import { NotificationChannelsSection } from '../components/notification-channels-section.tsx'
import { OrganizationAdmin } from '../components/organization-admin.tsx'
import { TeamsSection } from '../components/teams-section.tsx'
import { roleMeta } from '../lib/roles.ts'

/** The current organization: members and roles, invitations, teams, notification channels (admins), and (admins) name, ownership, deletion. */
export default function OrganizationPage() {
  const { user, role, projects, expectDeparture } = useWorkspace()
  const organization = useOrganization()
  const canManage = can(role, 'manageMembers')
  const members = useMembers(organization.id)
  useLiveOrganization(organization.id)
  useLiveDeliveries(organization.id, canManage)
  const owner = members.data?.find((m) => m.user_id === organization.ownerId)
  const isOwner = organization.ownerId === user.id
  return (
    <>
      <PageHeader
        title={organization.name}
        description={<>
          Organization · <span className="font-mono">{organization.slug}</span> · your role{' '}
          <Badge tone={roleMeta[organization.role].tone} data-testid="organization-role">{roleMeta[organization.role].label}</Badge>
          {!canManage && ' · read-only: organization admins manage members and teams.'}
        </>}
      />
      <div className="flex flex-col gap-10">
        <MembersSection orgId={organization.id} orgName={organization.name} ownerId={organization.ownerId} userId={user.id}
          canManage={canManage} onLeave={() => expectDeparture(organization.id)} />
        {canManage && <InvitationsSection orgId={organization.id} />}
        <TeamsSection orgId={organization.id} canManage={canManage} />
        <NotificationChannelsSection orgId={organization.id} canManage={canManage} />
        {canManage && (
          <OrganizationAdmin organization={organization} isOwner={isOwner} ownerLabel={owner ? memberLabel(owner) : 'Another member'}
            projectCount={projects.length} onDeparture={() => expectDeparture(organization.id)} />
        )}
      </div>
    </>
  )
}
