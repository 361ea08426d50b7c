import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { supabase } from '../../../lib/supabase.ts'
import { NOTIFICATION_TYPES } from '../lib/notification-types.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const settingsInput = z.object({
  email_enabled: z.boolean(),
  muted_types: z.array(z.enum(NOTIFICATION_TYPES)).max(NOTIFICATION_TYPES.length),
})
export type NotificationSettings = z.infer<typeof settingsInput>

export const DEFAULT_SETTINGS: NotificationSettings = { email_enabled: true, muted_types: [] }

/** The caller's settings; no row means the defaults. */
export async function getNotificationSettings(userId: string, signal?: AbortSignal): Promise<NotificationSettings> {
  const { data, error } = await supabase.from('notification_preferences').select('email_enabled, muted_types')
    .eq('user_id', userId).abortSignal(signal!).maybeSingle()
  if (error) throw error
  if (!data) return DEFAULT_SETTINGS
  return { email_enabled: data.email_enabled, muted_types: data.muted_types.filter((t): t is NotificationSettings['muted_types'][number] => (NOTIFICATION_TYPES as readonly string[]).includes(t)) }
}

export const notificationSettingsQuery = (userId: string) => queryOptions({
  queryKey: queryKeys.notifications.settings(userId),
  queryFn: ({ signal }) => getNotificationSettings(userId, signal),
})

export const useNotificationSettings = (userId: string) => useQuery(notificationSettingsQuery(userId))

export async function saveNotificationSettings(userId: string, input: NotificationSettings): Promise<void> {
  const parsed = settingsInput.parse(input)
  const { error } = await supabase.from('notification_preferences').upsert({ user_id: userId, ...parsed })
  if (error) throw error
}

export function useSaveNotificationSettings(userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: NotificationSettings) => saveNotificationSettings(userId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.settings(userId) }),
  })
}
