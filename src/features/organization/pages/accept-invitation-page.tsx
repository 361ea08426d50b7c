import { MailOpen } from 'lucide-react'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useAcceptInvitation, useInvitationPreview } from '../api/invitation-preview.ts'
import { signOut } from '../api/sign-out.ts'
import { invitationStatusMeta, roleMeta } from '../lib/roles.ts'

/**
 * /invite/:token: what the invitation offers and, while it is open, Accept. Signed-out visitors get the sign-in
 * page at this same address, so they come back here once signed in or signed up.
 */
export default function AcceptInvitationPage() {
  const { token = '' } = useParams()
  const { user, setOrganization } = useWorkspace()
  const navigate = useNavigate()
  const preview = useInvitationPreview(token)
  const accept = useAcceptInvitation()
  const [refusal, setRefusal] = useState<string | null>(null)
  const onAccept = async () => {
    setRefusal(null)
    try {
      setOrganization(await accept.mutateAsync(token))
      navigate('/organization', { replace: true })
    } catch (e) {
      setRefusal((e as Error).message)
      void preview.refetch()
    }
  }
  return (
    <div className="mx-auto max-w-lg py-12">
      <Card aria-labelledby="invitation-title">
        <CardHeader>
          <CardTitle id="invitation-title" className="flex items-center gap-2 text-base"><MailOpen className="size-5" aria-hidden /> Invitation</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          {preview.isPending ? <LoadingRows rows={3} />
            : preview.isError ? <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
            : preview.data.status === 'missing' ? <Alert tone="danger" data-testid="invitation-status" data-status="missing">{invitationStatusMeta.missing.sentence}</Alert>
            : (() => {
              const invitation = preview.data
              const meta = invitationStatusMeta[invitation.status]
              const forSomeoneElse = invitation.email.toLowerCase() !== (user.email ?? '').toLowerCase()
              return (
                <>
                  <p className="text-base">
                    Join <strong data-testid="invitation-organization">{invitation.organization_name}</strong> as{' '}
                    <Badge tone={roleMeta[invitation.role].tone} data-testid="invitation-role">{roleMeta[invitation.role].label}</Badge>
                  </p>
                  <p className="text-muted-foreground">{roleMeta[invitation.role].description}.</p>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                    <dt className="text-muted-foreground">From</dt>
                    <dd data-testid="invitation-inviter">{invitation.invited_by_name ?? 'an admin who has since left'}</dd>
                    <dt className="text-muted-foreground">For</dt><dd>{invitation.email}</dd>
                    <dt className="text-muted-foreground">{invitation.status === 'expired' ? 'Expired' : 'Expires'}</dt>
                    <dd title={formatDateTime(invitation.expires_at)}>{formatDateTime(invitation.expires_at)} ({timeAgo(invitation.expires_at)})</dd>
                    <dt className="text-muted-foreground">Status</dt>
                    <dd><Badge tone={meta.tone} data-testid="invitation-status" data-status={invitation.status}>{meta.label}</Badge></dd>
                  </dl>
                  {invitation.status !== 'open' ? <Alert tone="warning">{meta.sentence}</Alert>
                    : forSomeoneElse ? (
                      <Alert tone="warning" className="flex flex-col gap-2">
                        <p>This invitation is for <strong>{invitation.email}</strong>, and you are signed in as <strong>{user.email}</strong>. Sign in with the invited address to accept it.</p>
                        <Button size="sm" variant="outline" className="self-start" onClick={() => void signOut()}>Sign out</Button>
                      </Alert>
                    ) : (
                      <Button className="self-start" disabled={accept.isPending} onClick={() => void onAccept()}>
                        {accept.isPending ? 'Joining…' : `Accept and join ${invitation.organization_name}`}
                      </Button>
                    )}
                  {refusal && <Alert tone="danger">{refusal}</Alert>}
                </>
              )
            })()}
        </CardContent>
      </Card>
    </div>
  )
}
