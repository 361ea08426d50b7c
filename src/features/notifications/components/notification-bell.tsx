import { Bell } from 'lucide-react'
import { useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { Button } from '../../../components/ui/button.tsx'
import { useWorkspace } from '../../../lib/workspace.ts'
import { useLatestNotifications } from '../api/get-notifications.ts'
import { useUnreadCount } from '../api/get-unread-count.ts'
import { useMarkRead } from '../api/mark-read.ts'
import { useLiveNotifications } from '../api/use-live-notifications.ts'
import { NotificationItem } from './notification-item.tsx'
import { useOpenNotification } from './use-open-notification.ts'

/** The app shell's bell: the unread count, live; a panel with the newest few and a link to all of them. */
export function NotificationBell() {
  const { user } = useWorkspace()
  useLiveNotifications(user.id)
  const unread = useUnreadCount(user.id).data ?? 0
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => { if (!root.current?.contains(event.target as Node)) setOpen(false) }
    const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') setOpen(false) }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`
  return (
    <div ref={root} className="relative">
      <Button variant="ghost" size="icon" aria-label={label} aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)} className="relative">
        <Bell aria-hidden />
        {unread > 0 && (
          <span data-testid="unread-count" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-destructive px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && <NotificationPanel id={id} userId={user.id} unread={unread} close={() => setOpen(false)} />}
    </div>
  )
}

function NotificationPanel({ id, userId, unread, close }: { id: string; userId: string; unread: number; close(): void }) {
  const latest = useLatestNotifications(userId, true)
  const markRead = useMarkRead()
  const openRow = useOpenNotification(close)
  return (
    <div id={id} role="dialog" aria-label="Notifications" className="absolute top-full left-0 z-50 mt-1 w-80 rounded-md border bg-card p-2 shadow-lg">
      <div className="flex items-center justify-between px-1 pb-2">
        <p className="text-sm font-medium">Notifications</p>
        <Button variant="link" size="sm" className="h-auto px-0" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
          Mark all read
        </Button>
      </div>
      {latest.isPending && <p className="p-2 text-xs text-muted-foreground">Loading…</p>}
      {latest.isError && <p role="alert" className="p-2 text-xs text-destructive">Could not load notifications: {latest.error.message}</p>}
      {latest.data?.length === 0 && <p className="p-2 text-xs text-muted-foreground">Nothing yet. Approvals waiting for you and runs of yours that fail show up here.</p>}
      <div className="flex flex-col gap-0.5">
        {latest.data?.map((row) => <NotificationItem key={row.id} row={row} onOpen={openRow} />)}
      </div>
      <Link to="/notifications" onClick={close} className="mt-2 block rounded-md px-2 py-1.5 text-center text-xs text-primary hover:bg-accent">
        See all notifications
      </Link>
    </div>
  )
}
