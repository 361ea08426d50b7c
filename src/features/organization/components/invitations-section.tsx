import { ConfirmDialog } from '../../../components/confirm-dialog.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useInvitationEmails, type InvitationEmail } from '../api/deliveries.ts'
import { useInvitations, useRevokeInvitation, type Invitation } from '../api/invitations.ts'
import { roleMeta } from '../lib/roles.ts'
import { InvitationEmailStatus } from './invitation-email-status.tsx'
import { InviteMemberForm } from './invite-form.tsx'

/** Admins invite people and see, with their expiry, the invitations nobody has accepted yet. */
export function InvitationsSection({ orgId }: { orgId: string }) {
  const invitations = useInvitations(orgId, true)
  const emails = useInvitationEmails(orgId)
  const emailsOf = (id: string) => (emails.data ?? []).filter((e) => e.event_key === `invitation:${id}`)
  return (
    <section aria-labelledby="invitations-title" className="flex flex-col gap-3">
      <div>
        <h2 id="invitations-title" className="text-lg font-semibold">Invitations</h2>
        <p className="text-sm text-muted-foreground">
          Invite someone by email: they open the link, sign in or sign up with that address, and join with the role you chose.
          Each email channel that carries invitations emails them the link; it is shown to you once either way.
        </p>
      </div>
      <InviteMemberForm orgId={orgId} />
      <h3 className="text-sm font-medium">Pending invitations</h3>
      {invitations.isPending ? <LoadingRows rows={2} />
        : invitations.isError ? <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />
        : invitations.data.length === 0 ? <EmptyState title="No pending invitations" description="Invitations appear here until they are accepted or revoked." />
        : (
          <Table aria-label="Pending invitations">
            <TableHeader>
              <TableRow><TableHead>Address</TableHead><TableHead>Role</TableHead><TableHead>Expires</TableHead><TableHead>Email</TableHead><TableHead><span className="sr-only">Actions</span></TableHead></TableRow>
            </TableHeader>
            <TableBody>{invitations.data.map((i) => <InvitationRow key={i.id} orgId={orgId} invitation={i} emails={emails.isPending ? null : emailsOf(i.id)} />)}</TableBody>
          </Table>
        )}
    </section>
  )
}

function InvitationRow({ orgId, invitation, emails }: { orgId: string; invitation: Invitation; emails: InvitationEmail[] | null }) {
  const revoke = useRevokeInvitation(orgId)
  const expired = new Date(invitation.expires_at).getTime() <= Date.now()
  return (
    <TableRow data-testid="invitation-row" data-email={invitation.email}>
      <TableCell className="font-medium">{invitation.email}</TableCell>
      <TableCell><Badge tone={roleMeta[invitation.role].tone}>{roleMeta[invitation.role].label}</Badge></TableCell>
      <TableCell title={formatDateTime(invitation.expires_at)}>
        {expired ? <Badge tone="warning">Expired {timeAgo(invitation.expires_at)}</Badge> : timeAgo(invitation.expires_at)}
      </TableCell>
      <TableCell>{emails && <InvitationEmailStatus emails={emails} />}</TableCell>
      <TableCell className="text-right">
        <ConfirmDialog
          trigger={<Button size="sm" variant="outline">Revoke</Button>}
          title={`Revoke the invitation for ${invitation.email}?`}
          description="Its link stops working at once. You can invite the address again later."
          confirmLabel="Revoke invitation"
          onConfirm={() => revoke.mutateAsync(invitation.id).then(
            () => toast({ title: `Invitation for ${invitation.email} revoked`, tone: 'success' }),
            (e: Error) => toast({ title: 'Could not revoke the invitation', description: e.message, tone: 'danger' }),
          )}
        />
      </TableCell>
    </TableRow>
  )
}
