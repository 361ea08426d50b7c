import { useNavigate } from 'react-router'
import type { NotificationRow } from '../api/get-notifications.ts'
import { useMarkRead } from '../api/mark-read.ts'
import { describeNotification } from '../lib/notification-types.ts'

/** Opening a notification marks it read and goes where it points (or stays on the list). */
export function useOpenNotification(after?: () => void) {
  const navigate = useNavigate()
  const markRead = useMarkRead()
  return (row: NotificationRow) => {
    if (row.read_at === null) markRead.mutate({ ids: [row.id] })
    after?.()
    const { path } = describeNotification(row.type, row.payload)
    if (path) navigate(path)
  }
}
