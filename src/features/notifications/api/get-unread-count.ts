import { queryOptions, useQuery } from '@tanstack/react-query'
import { supabase } from '../../../lib/supabase.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

/** How many of the caller's notifications are unread (a count, no rows). */
export async function getUnreadCount(signal?: AbortSignal): Promise<number> {
  const { count, error } = await supabase.from('notification_events').select('id', { count: 'exact', head: true })
    .is('read_at', null).abortSignal(signal!)
  if (error) throw error
  return count ?? 0
}

export const unreadCountQuery = (userId: string) => queryOptions({
  queryKey: queryKeys.notifications.unread(userId),
  queryFn: ({ signal }) => getUnreadCount(signal),
})

export const useUnreadCount = (userId: string) => useQuery(unreadCountQuery(userId))
