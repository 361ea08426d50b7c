import { StatusBadge } from '../../../components/status-badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { InvitationEmail } from '../api/deliveries.ts'

/** Whether an invitation was emailed, per channel: delivered when and through which, retrying, failed and why, or not at all. */
export function InvitationEmailStatus({ emails }: { emails: InvitationEmail[] }) {
  const shown = emails.filter((e) => e.status !== 'cancelled')
  if (shown.length === 0) {
    return <p className="text-xs text-muted-foreground" data-testid="invitation-email" data-status="none">Not emailed: no email channel — copy the link.</p>
  }
  return (
    <ul className="flex flex-col gap-1">
      {shown.map((e) => (
        <li key={e.id} className="flex items-start gap-2 text-xs" data-testid="invitation-email" data-status={e.status}>
          <StatusBadge kind="notification" status={e.status} />
          <span>{sentence(e)}</span>
        </li>
      ))}
    </ul>
  )
}

function sentence(e: InvitationEmail): string {
  const reason = e.last_error ? `: ${e.last_error}` : ''
  switch (e.status) {
    case 'delivered': return `Emailed ${formatDateTime(e.delivered_at)} through ${e.channelName}.`
    case 'pending': return `Being emailed through ${e.channelName}.`
    case 'retrying': return `Attempt ${e.attempts} through ${e.channelName} failed${reason}. Next attempt ${timeAgo(e.next_attempt_at)}.`
    case 'failed': return `Could not be emailed through ${e.channelName} (${e.attempts} attempt${e.attempts === 1 ? '' : 's'})${reason}. Copy the link and send it yourself.`
    case 'cancelled': return 'Not emailed: cancelled.'
  }
}
