import { queryOptions, useQuery } from '@tanstack/react-query'
import { supabase } from '../../../lib/supabase.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const PAGE_SIZE = 20
export type NotificationFilter = 'all' | 'unread'

const columns = 'id, type, payload, read_at, created_at, project_id'

/** One page of the caller's in-app notifications, newest first (RLS: only their own). */
export async function getNotifications(filter: NotificationFilter, page: number, signal?: AbortSignal) {
  const from = page * PAGE_SIZE
  let query = supabase.from('notification_events').select(columns, { count: 'exact' })
  if (filter === 'unread') query = query.is('read_at', null)
  const { data, error, count } = await query
    .order('created_at', { ascending: false }).order('id', { ascending: false })
    .range(from, from + PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  return { rows: data, total: count ?? data.length }
}

export type NotificationsPage = Awaited<ReturnType<typeof getNotifications>>
export type NotificationRow = NotificationsPage['rows'][number]

export const notificationsQuery = (userId: string, filter: NotificationFilter, page: number) => queryOptions({
  queryKey: queryKeys.notifications.page(userId, filter, page),
  queryFn: ({ signal }) => getNotifications(filter, page, signal),
  placeholderData: (previous) => previous,
})

export const useNotifications = (userId: string, filter: NotificationFilter, page: number) => useQuery(notificationsQuery(userId, filter, page))

/** The few newest, for the bell's panel. */
export async function getLatestNotifications(signal?: AbortSignal) {
  const { data, error } = await supabase.from('notification_events').select(columns)
    .order('created_at', { ascending: false }).order('id', { ascending: false }).limit(6).abortSignal(signal!)
  if (error) throw error
  return data
}

export const useLatestNotifications = (userId: string, enabled: boolean) => useQuery({
  queryKey: queryKeys.notifications.latest(userId),
  queryFn: ({ signal }) => getLatestNotifications(signal),
  enabled,
})
