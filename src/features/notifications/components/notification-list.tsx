import { useSearchParams } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { cn } from '../../../lib/utils.ts'
import { useWorkspace } from '../../../lib/workspace.ts'
import { PAGE_SIZE, useNotifications, type NotificationFilter } from '../api/get-notifications.ts'
import { useMarkRead, useMarkUnread } from '../api/mark-read.ts'
import { NotificationItem } from './notification-item.tsx'
import { useOpenNotification } from './use-open-notification.ts'

/** The caller's notifications, a page at a time (page and filter in the URL), with read/unread controls. */
export function NotificationList() {
  const { user } = useWorkspace()
  const [params, setParams] = useSearchParams()
  const filter: NotificationFilter = params.get('filter') === 'unread' ? 'unread' : 'all'
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0)
  const list = useNotifications(user.id, filter, page)
  const markRead = useMarkRead()
  const markUnread = useMarkUnread()
  const openRow = useOpenNotification()
  const go = (next: { filter?: NotificationFilter; page?: number }) => setParams((p) => {
    const out = new URLSearchParams(p)
    out.set('filter', next.filter ?? filter)
    out.set('page', String(next.page ?? 0))
    return out
  })
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE))

  return (
    <Card className="p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="Show" className="flex gap-1">
          {(['all', 'unread'] as const).map((f) => (
            <Button key={f} role="tab" aria-selected={filter === f} size="sm" variant={filter === f ? 'secondary' : 'ghost'} onClick={() => go({ filter: f })}>
              {f === 'all' ? 'All' : 'Unread'}
            </Button>
          ))}
        </div>
        <Button size="sm" variant="outline" disabled={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>Mark all read</Button>
      </div>
      {list.isPending ? <LoadingRows rows={5} />
        : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        : list.data.rows.length === 0 ? <EmptyState title={filter === 'unread' ? 'Nothing unread' : 'No notifications yet'} description="Approvals waiting for you, runs of yours that fail and break-glass requests show up here." />
        : (
          <ul className="flex flex-col divide-y" aria-label="Notifications">
            {list.data.rows.map((row) => (
              <li key={row.id} className="flex items-center gap-2 py-1">
                <NotificationItem row={row} onOpen={openRow} className="min-w-0 flex-1" />
                <Button size="sm" variant="ghost" className={cn('shrink-0')} aria-label={row.read_at ? 'Mark unread' : 'Mark read'}
                  onClick={() => (row.read_at ? markUnread.mutate(row.id) : markRead.mutate({ ids: [row.id] }))}>
                  {row.read_at ? 'Mark unread' : 'Mark read'}
                </Button>
              </li>
            ))}
          </ul>
        )}
      {list.data && list.data.total > PAGE_SIZE && (
        <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-xs text-muted-foreground">
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => go({ page: page - 1 })}>Newer</Button>
          <span>Page {page + 1} of {pages} · {list.data.total} notifications</span>
          <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => go({ page: page + 1 })}>Older</Button>
        </nav>
      )}
    </Card>
  )
}
