import { Bell, ShieldAlert, ShieldCheck, XCircle, type LucideIcon } from 'lucide-react'
import type { BadgeTone } from '../../../components/ui/badge.tsx'

/** The event types the database raises (supabase/migrations/…004000_notifications.sql and the engine's notify step). */
export const NOTIFICATION_TYPES = ['approval_requested', 'run_failed', 'break_glass_requested', 'pipeline_notify'] as const
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]

export interface NotificationMeta {
  label: string
  /** What muting it means, for the settings. */
  description: string
  icon: LucideIcon
  tone: BadgeTone
}

export const notificationMeta = {
  approval_requested: { label: 'Approval needed', description: 'A gate waits for your vote', icon: ShieldCheck, tone: 'warning' },
  run_failed: { label: 'Run failed', description: 'A run you started failed', icon: XCircle, tone: 'danger' },
  break_glass_requested: { label: 'Break-glass request', description: 'An admin asks to deploy through a lock or freeze', icon: ShieldAlert, tone: 'danger' },
  pipeline_notify: { label: 'Pipeline message', description: 'A notify step of a run you started', icon: Bell, tone: 'info' },
} satisfies Record<NotificationType, NotificationMeta>

const fallback: NotificationMeta = { label: 'Notification', description: '', icon: Bell, tone: 'neutral' }

export const metaOf = (type: string): NotificationMeta => (notificationMeta as Record<string, NotificationMeta>)[type] ?? fallback

interface Payload {
  title?: unknown
  body?: unknown
  message?: unknown
  execution_name?: unknown
  path?: unknown
  execution_id?: unknown
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null)

/** What a notification says, whatever shape its payload has (older rows carry only a message). */
export function describeNotification(type: string, payload: unknown): { title: string; body: string | null; path: string | null } {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Payload
  const executionPath = text(p.execution_id) ? `/executions/${p.execution_id}` : null
  const path = text(p.path)
  return {
    title: text(p.title) ?? (text(p.execution_name) ? `${metaOf(type).label}: ${p.execution_name}` : metaOf(type).label),
    body: text(p.body) ?? text(p.message),
    // Only paths inside the app: a payload never sends anyone elsewhere.
    path: path && path.startsWith('/') && !path.startsWith('//') ? path : executionPath,
  }
}
