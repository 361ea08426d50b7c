import { timeAgo } from '../../../lib/format.ts'
import { cn } from '../../../lib/utils.ts'
import type { NotificationRow } from '../api/get-notifications.ts'
import { describeNotification, metaOf } from '../lib/notification-types.ts'

/** One notification: what happened, when, unread marked; the whole row opens it. */
export function NotificationItem({ row, onOpen, className }: { row: NotificationRow; onOpen(row: NotificationRow): void; className?: string }) {
  const meta = metaOf(row.type)
  const { title, body } = describeNotification(row.type, row.payload)
  const unread = row.read_at === null
  return (
    <button
      type="button" onClick={() => onOpen(row)} data-testid="notification" data-unread={unread}
      className={cn('flex w-full items-start gap-3 rounded-md p-2 text-left hover:bg-accent', unread && 'bg-primary/5', className)}
    >
      <meta.icon className={cn('mt-0.5 size-4 shrink-0', unread ? 'text-primary' : 'text-muted-foreground')} aria-hidden />
      <span className="min-w-0 flex-1">
        <span className={cn('block truncate text-sm', unread && 'font-medium')}>{title}</span>
        {body && <span className="line-clamp-2 block text-xs text-muted-foreground">{body}</span>}
        <span className="block text-xs text-muted-foreground">{meta.label} · {timeAgo(row.created_at)}</span>
      </span>
      {unread && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-primary" aria-label="Unread" />}
    </button>
  )
}
