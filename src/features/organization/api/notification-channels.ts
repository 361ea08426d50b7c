import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { Tables } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { CHANNEL_EVENT_TYPES, CHANNEL_KINDS, channelKindMeta } from '../lib/channels.ts'
import { refuse } from '../lib/refusal.ts'

export type Channel = Pick<Tables<'notification_channels'>, 'id' | 'kind' | 'name' | 'url' | 'secret_ref' | 'event_types' | 'enabled' | 'created_at'>

/** The organization's channels, by name (RLS: admins only; anyone else reads none). */
export async function getChannels(orgId: string, signal?: AbortSignal): Promise<Channel[]> {
  const { data, error } = await supabase.from('notification_channels').select('id, kind, name, url, secret_ref, event_types, enabled, created_at')
    .eq('organization_id', orgId).order('name').abortSignal(signal!)
  if (error) throw error
  return data
}

export const channelsQuery = (orgId: string) => queryOptions({ queryKey: queryKeys.organization.channels(orgId), queryFn: ({ signal }) => getChannels(orgId, signal) })
export const useChannels = (orgId: string) => useQuery(channelsQuery(orgId))

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

export const channelSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(1, 'Give the channel a name').max(80, 'At most 80 characters'),
  url: z.string().trim(),
  secret_ref: z.string().trim(),
  event_types: z.array(z.enum(CHANNEL_EVENT_TYPES)),
  enabled: z.boolean(),
}).superRefine((v, ctx) => {
  const meta = channelKindMeta[v.kind]
  if (v.url && !/^https?:\/\/\S+$/.test(v.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Enter a URL starting with https:// (or http://)' })
  if (v.secret_ref && !SECRET_NAME.test(v.secret_ref)) ctx.addIssue({ code: 'custom', path: ['secret_ref'], message: 'A secret name has letters, digits and underscores, and does not start with a digit' })
  if (meta.url === 'required' && !v.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'A webhook needs the URL it posts to' })
  if (meta.secret === 'required' && !v.secret_ref) ctx.addIssue({ code: 'custom', path: ['secret_ref'], message: 'A webhook needs the name of the secret that signs it' })
  if (v.kind === 'slack' && !v.url && !v.secret_ref) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Enter the incoming webhook URL, or name the secret that holds it' })
})
export type ChannelForm = z.infer<typeof channelSchema>

const words = (action: string) => ({ action, duplicate: 'A channel with that name already exists.' })

/** Adds a channel, or changes one when `channelId` is given (RLS: admins). Email channels keep no URL or secret. */
export async function saveChannel(orgId: string, input: ChannelForm, channelId?: string): Promise<void> {
  const v = channelSchema.parse(input)
  const email = v.kind === 'email'
  const row = { kind: v.kind, name: v.name, url: email ? null : v.url || null, secret_ref: email ? null : v.secret_ref || null, // Invitations go by email only: another kind never carries one.
    event_types: email ? v.event_types : v.event_types.filter((t) => t !== 'invitation'), enabled: v.enabled }
  if (!channelId) {
    const { error } = await supabase.from('notification_channels').insert({ ...row, organization_id: orgId })
    if (error) refuse(error, words('add notification channels'))
    return
  }
  const { data, error } = await supabase.from('notification_channels').update(row).eq('id', channelId).select('id')
  if (error) refuse(error, words('change notification channels'))
  if (data.length === 0) refuse({ code: 'no_rows' }, words('change notification channels'))
}

export async function setChannelEnabled(channelId: string, enabled: boolean): Promise<void> {
  const { data, error } = await supabase.from('notification_channels').update({ enabled }).eq('id', channelId).select('id')
  if (error) refuse(error, words('turn notification channels on or off'))
  if (data.length === 0) refuse({ code: 'no_rows' }, words('turn notification channels on or off'))
}

/** Deletes a channel and, with it, its delivery history (on delete cascade). */
export async function deleteChannel(channelId: string): Promise<void> {
  const { data, error } = await supabase.from('notification_channels').delete().eq('id', channelId).select('id')
  if (error) refuse(error, words('delete notification channels'))
  if (data.length === 0) refuse({ code: 'no_rows' }, words('delete notification channels'))
}

/** Queues a real test message on the channel (send_test_notification); notify-event sends it like any other. */
export async function sendTestMessage(channelId: string): Promise<string> {
  const { data, error } = await supabase.rpc('send_test_notification', { _channel_id: channelId })
  if (error) refuse(error, words('test notification channels'))
  return data
}

function useChannelMutation<T, R>(orgId: string, run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.organization.channels(orgId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.organization.deliveries(orgId) }),
    ]),
  })
}

export const useSaveChannel = (orgId: string) =>
  useChannelMutation(orgId, ({ values, channelId }: { values: ChannelForm; channelId?: string }) => saveChannel(orgId, values, channelId))
export const useSetChannelEnabled = (orgId: string) =>
  useChannelMutation(orgId, ({ channelId, enabled }: { channelId: string; enabled: boolean }) => setChannelEnabled(channelId, enabled))
export const useDeleteChannel = (orgId: string) => useChannelMutation(orgId, deleteChannel)
export const useSendTestMessage = (orgId: string) => useChannelMutation(orgId, sendTestMessage)
