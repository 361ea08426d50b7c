import { useLiveQueries } from '../../../lib/realtime.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

/** Refetches the caller's notifications (bell, panel, page) whenever one of theirs arrives or changes. */
export function useLiveNotifications(userId: string): void {
  useLiveQueries([{ table: 'notification_events', filter: `user_id=eq.${userId}` }], [queryKeys.notifications.all])
}
