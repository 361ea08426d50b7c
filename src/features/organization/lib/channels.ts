import type { Enums } from '../../../integrations/supabase/types.ts'
import { timeAgo } from '../../../lib/format.ts'

export type ChannelKind = Enums<'notification_channel_kind'>
export type DeliveryStatus = Enums<'notification_delivery_status'>

export const CHANNEL_KINDS = ['email', 'slack', 'webhook'] as const satisfies readonly ChannelKind[]

/** What each kind of channel is and which fields it needs (the table's check constraints say the same). */
export const channelKindMeta = {
  email: {
    label: 'Email',
    description: 'Each recipient\'s address, through the mail API set in the function secrets (MAIL_API_URL, MAIL_API_KEY).',
    url: 'unused', secret: 'unused',
  },
  slack: {
    label: 'Slack',
    description: 'A Slack-compatible incoming webhook: its URL here, or the name of the function secret that holds it.',
    url: 'optional', secret: 'optional',
  },
  webhook: {
    label: 'Webhook',
    description: 'A JSON POST signed with HMAC-SHA256 (X-Opzenix-Signature), keyed by a function secret.',
    url: 'required', secret: 'required',
  },
} satisfies Record<ChannelKind, { label: string; description: string; url: 'unused' | 'optional' | 'required'; secret: 'unused' | 'optional' | 'required' }>

/** The event types a channel can carry (the notification triggers and invite_member raise them). */
export const CHANNEL_EVENT_TYPES = ['approval_requested', 'run_failed', 'break_glass_requested', 'pipeline_notify', 'invitation'] as const
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number]

export const channelEventMeta = {
  approval_requested: { label: 'Approval needed', description: 'A gate waits for its approvers' },
  run_failed: { label: 'Run failed', description: 'A run failed (its starter hears)' },
  break_glass_requested: { label: 'Break-glass request', description: 'An admin asks to deploy through a lock or freeze' },
  pipeline_notify: { label: 'Pipeline message', description: 'A notify step of a run' },
  invitation: { label: 'Invitation', description: 'Email only: the invitation link, to the invited address' },
} satisfies Record<ChannelEventType, { label: string; description: string }>

export const eventLabel = (type: string) =>
  type === 'test' ? 'Test message' : (channelEventMeta as Record<string, { label: string }>)[type]?.label ?? type.replace(/_/g, ' ')

/** "All events" for an empty list (the database's meaning), else the labels. */
export function describeEventTypes(types: readonly string[]): string {
  return types.length === 0 ? 'All events' : types.map(eventLabel).join(', ')
}

export interface DeliveryOutcome {
  status: DeliveryStatus
  attempts: number
  last_error: string | null
  next_attempt_at: string
  delivered_at: string | null
}

/** One sentence for a delivery's outcome: when it was delivered, or how it is retrying, or why it failed. */
export function describeOutcome(d: DeliveryOutcome, now = Date.now()): string {
  const error = d.last_error ? `: ${d.last_error}` : ''
  switch (d.status) {
    case 'delivered': return `Delivered ${timeAgo(d.delivered_at, now)}.`
    case 'pending': return 'Waiting to be sent.'
    case 'retrying': return `Attempt ${d.attempts} failed${error}. Next attempt ${timeAgo(d.next_attempt_at, now)}.`
    case 'failed': return `Failed after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${error}.`
    case 'cancelled': return d.last_error ? `${d.last_error[0]!.toUpperCase()}${d.last_error.slice(1)}.` : 'Cancelled before it was sent.'
  }
}
