import { Crown } from 'lucide-react'
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import type { AppRole } from '../../../lib/permissions.ts'
import { timeAgo } from '../../../lib/format.ts'
import { useChangeRole, useRemoveMember } from '../api/change-member.ts'
import { memberLabel, useMembers, type Member } from '../api/get-members.ts'
import { ROLES, roleMeta } from '../lib/roles.ts'

const failed = (title: string) => (e: unknown) => toast({ title, description: (e as Error).message, tone: 'danger' })

/** Everyone in the organization with their role; admins change roles and remove members (never the owner). */
export function MembersSection({ orgId, orgName, ownerId, userId, canManage, onLeave }: {
  orgId: string
  orgName: string
  ownerId: string | null
  userId: string
  canManage: boolean
  /** Called before the user removes themselves. */
  onLeave(): void
}) {
  const members = useMembers(orgId)
  return (
    <section aria-labelledby="members-title" className="flex flex-col gap-3">
      <div>
        <h2 id="members-title" className="text-lg font-semibold">Members</h2>
        <p className="text-sm text-muted-foreground">
          {canManage ? 'Change a role or remove someone: it applies at once, on their open pages too. The owner stays an admin until ownership moves.'
            : 'Who is in the organization and their role. Organization admins change these.'}
        </p>
      </div>
      {members.isPending ? <LoadingRows rows={3} />
        : members.isError ? <ErrorState error={members.error} onRetry={() => members.refetch()} />
        : members.data.length === 0 ? <EmptyState title="No members" description="You cannot see anyone in this organization." />
        : (
          <Table aria-label="Members">
            <TableHeader>
              <TableRow><TableHead>Member</TableHead><TableHead>Role</TableHead><TableHead>Joined</TableHead><TableHead><span className="sr-only">Actions</span></TableHead></TableRow>
            </TableHeader>
            <TableBody>
              {members.data.map((m) => (
                <MemberRow key={m.id} member={m} orgName={orgName} isOwner={m.user_id === ownerId} isSelf={m.user_id === userId} canManage={canManage} onLeave={onLeave} />
              ))}
            </TableBody>
          </Table>
        )}
    </section>
  )
}

function MemberRow({ member, orgName, isOwner, isSelf, canManage, onLeave }: {
  member: Member
  orgName: string
  isOwner: boolean
  isSelf: boolean
  canManage: boolean
  onLeave(): void
}) {
  const changeRole = useChangeRole()
  const remove = useRemoveMember()
  const label = memberLabel(member)
  const onRole = (role: AppRole) => changeRole.mutateAsync({ memberId: member.id, role })
    .then(() => toast({ title: `${label} is now ${roleMeta[role].label.toLowerCase()}`, tone: 'success' }), failed(`Could not change ${label}'s role`))
  return (
    <TableRow data-testid="member-row" data-email={member.email ?? ''} data-role={member.role}>
      <TableCell>
        <p className="flex items-center gap-2 font-medium">
          {label}
          {isOwner && <Badge tone="warning" data-testid="owner-badge"><Crown aria-hidden /> Owner</Badge>}
          {isSelf && <Badge>You</Badge>}
        </p>
        {member.name && member.email && <p className="text-xs text-muted-foreground">{member.email}</p>}
      </TableCell>
      <TableCell>
        {canManage && !isOwner ? (
          <NativeSelect aria-label={`Role of ${label}`} className="w-32" value={member.role} disabled={changeRole.isPending}
            onChange={(e) => void onRole(e.target.value as AppRole)}>
            {ROLES.map((r) => <option key={r} value={r}>{roleMeta[r].label}</option>)}
          </NativeSelect>
        ) : (
          <Badge tone={roleMeta[member.role].tone} title={isOwner && canManage ? 'The owner stays an admin: transfer ownership first.' : roleMeta[member.role].description}>
            {roleMeta[member.role].label}
          </Badge>
        )}
      </TableCell>
      <TableCell className="text-muted-foreground">{timeAgo(member.created_at)}</TableCell>
      <TableCell className="text-right">
        {!isOwner && (canManage || isSelf) && (
          <ConfirmDialog
            trigger={<Button size="sm" variant="outline">{isSelf ? 'Leave organization' : `Remove ${label}`}</Button>}
            title={isSelf ? `Leave ${orgName}?` : `Remove ${label} from ${orgName}?`}
            description={isSelf
              ? 'You lose access to its projects at once and leave its teams. To come back, an admin has to invite you again.'
              : `${label} loses access to its projects at once (open pages included) and leaves its teams. You can invite them again later.`}
            confirmLabel={isSelf ? 'Leave' : 'Remove member'}
            onConfirm={() => {
              if (isSelf) onLeave()
              return remove.mutateAsync(member.id).then(() => { if (!isSelf) toast({ title: `${label} removed`, tone: 'success' }) }, failed(`Could not remove ${label}`))
            }}
          />
        )}
      </TableCell>
    </TableRow>
  )
}
