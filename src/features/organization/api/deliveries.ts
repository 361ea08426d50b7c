import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Tables } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export type Delivery = Pick<Tables<'notification_deliveries'>,
  'id' | 'channel_id' | 'event_type' | 'event_key' | 'status' | 'attempts' | 'last_status' | 'last_error' | 'next_attempt_at' | 'delivered_at' | 'created_at' | 'to_email' | 'user_id'> & {
  title: string | null
}

const COLUMNS = 'id, channel_id, event_type, event_key, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at, to_email, user_id, title:payload->>title'

/** The organization's latest deliveries on every channel, newest first (RLS: admins read them all). */
export async function getChannelDeliveries(orgId: string, signal?: AbortSignal): Promise<Delivery[]> {
  const { data, error } = await supabase.from('notification_deliveries').select(COLUMNS)
    .eq('organization_id', orgId).order('created_at', { ascending: false }).limit(100).abortSignal(signal!)
  if (error) throw error
  return data as unknown as Delivery[]
}

export interface InvitationEmail extends Delivery {
  channelName: string
}

/** Each invitation's emails (event key `invitation:<id>`), newest first, with the channel they went through. */
export async function getInvitationEmails(orgId: string, signal?: AbortSignal): Promise<InvitationEmail[]> {
  const { data, error } = await supabase.from('notification_deliveries').select(`${COLUMNS}, channel:notification_channels(name)`)
    .eq('organization_id', orgId).eq('event_type', 'invitation').order('created_at', { ascending: false }).limit(200).abortSignal(signal!)
  if (error) throw error
  return (data as unknown as Array<Delivery & { channel: { name: string } | null }>)
    .map(({ channel, ...d }) => ({ ...d, channelName: channel?.name ?? 'a deleted channel' }))
}

export const channelDeliveriesQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.organization.channelDeliveries(orgId), queryFn: ({ signal }) => getChannelDeliveries(orgId, signal),
})
export const invitationEmailsQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.organization.invitationEmails(orgId), queryFn: ({ signal }) => getInvitationEmails(orgId, signal),
})

export const useChannelDeliveries = (orgId: string) => useQuery(channelDeliveriesQuery(orgId))
export const useInvitationEmails = (orgId: string) => useQuery(invitationEmailsQuery(orgId))

/** Follows every attempt live (notification_deliveries is in the realtime publication; RLS: admins only). */
export function useLiveDeliveries(orgId: string, enabled: boolean): void {
  const filter = `organization_id=eq.${orgId}`
  useLiveQueries([{ table: 'notification_deliveries', event: 'INSERT', filter }, { table: 'notification_deliveries', event: 'UPDATE', filter }],
    [queryKeys.organization.deliveries(orgId)], enabled)
}
