import { EmptyState } from '../../../components/states.tsx'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import type { Delivery } from '../api/deliveries.ts'
import { describeOutcome, eventLabel } from '../lib/channels.ts'

/** A channel's latest messages: what, to whom, and the outcome (delivered, retrying with its attempt, failed with the error). */
export function ChannelDeliveries({ channelName, deliveries, recipientName }: {
  channelName: string
  deliveries: Delivery[]
  recipientName(userId: string): string
}) {
  if (deliveries.length === 0) return <EmptyState title="Nothing sent yet" description="Messages this channel sends appear here, with each attempt's outcome." />
  return (
    <ul aria-label={`Recent deliveries of ${channelName}`} className="flex flex-col divide-y rounded-md border text-sm">
      {deliveries.map((d) => (
        <li key={d.id} data-testid="channel-delivery" data-status={d.status} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2">
          <StatusBadge kind="notification" status={d.status} />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{d.title ?? eventLabel(d.event_type)}</p>
            <p className="text-xs text-muted-foreground">
              {eventLabel(d.event_type)}
              {d.to_email ? ` · to ${d.to_email}` : d.user_id ? ` · to ${recipientName(d.user_id)}` : ''}
              {' · '}<span title={formatDateTime(d.created_at)}>{timeAgo(d.created_at)}</span>
            </p>
            <p className="text-xs" data-testid="delivery-outcome">{describeOutcome(d)}</p>
          </div>
        </li>
      ))}
    </ul>
  )
}
