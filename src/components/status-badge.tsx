import { Ban, CheckCircle2, CircleDashed, Clock, Hand, Loader2, PauseCircle, SkipForward, TriangleAlert, XCircle } from 'lucide-react'
import type { ComponentType } from 'react'
import type { Enums } from '../integrations/supabase/types.ts'
import { Badge, type BadgeTone } from './ui/badge.tsx'

interface StatusMeta {
  label: string
  tone: BadgeTone
  icon: ComponentType<{ className?: string }>
}

const spin = (props: { className?: string }) => <Loader2 {...props} className={`${props.className ?? ''} animate-spin`} />

export const executionStatusMeta = {
  idle: { label: 'Idle', tone: 'neutral', icon: CircleDashed },
  queued: { label: 'Queued', tone: 'neutral', icon: Clock },
  running: { label: 'Running', tone: 'info', icon: spin },
  success: { label: 'Succeeded', tone: 'success', icon: CheckCircle2 },
  warning: { label: 'Succeeded with warnings', tone: 'warning', icon: TriangleAlert },
  failed: { label: 'Failed', tone: 'danger', icon: XCircle },
  paused: { label: 'Waiting for approval', tone: 'warning', icon: PauseCircle },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: Ban },
} satisfies Record<Enums<'execution_status'>, StatusMeta>

export const nodeStatusMeta = {
  pending: { label: 'Pending', tone: 'neutral', icon: CircleDashed },
  queued: { label: 'Queued', tone: 'neutral', icon: Clock },
  running: { label: 'Running', tone: 'info', icon: spin },
  waiting: { label: 'Blocked on gate', tone: 'warning', icon: Hand },
  success: { label: 'Passed', tone: 'success', icon: CheckCircle2 },
  warning: { label: 'Passed with warnings', tone: 'warning', icon: TriangleAlert },
  failed: { label: 'Failed', tone: 'danger', icon: XCircle },
  skipped: { label: 'Skipped', tone: 'neutral', icon: SkipForward },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: Ban },
} satisfies Record<Enums<'node_status'>, StatusMeta>

export const approvalStatusMeta = {
  pending: { label: 'Waiting', tone: 'warning', icon: Hand },
  approved: { label: 'Approved', tone: 'success', icon: CheckCircle2 },
  rejected: { label: 'Rejected', tone: 'danger', icon: XCircle },
  expired: { label: 'Expired', tone: 'neutral', icon: Clock },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: Ban },
} satisfies Record<Enums<'approval_status'>, StatusMeta>

export const deploymentStatusMeta = {
  pending: { label: 'Pending', tone: 'neutral', icon: Clock },
  in_progress: { label: 'Deploying', tone: 'info', icon: spin },
  success: { label: 'Live', tone: 'success', icon: CheckCircle2 },
  failed: { label: 'Failed', tone: 'danger', icon: XCircle },
  rolled_back: { label: 'Rolled back', tone: 'warning', icon: SkipForward },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: Ban },
} satisfies Record<Enums<'deployment_status'>, StatusMeta>

export const connectionStatusMeta = {
  healthy: { label: 'Healthy', tone: 'success', icon: CheckCircle2 },
  degraded: { label: 'Degraded', tone: 'warning', icon: TriangleAlert },
  down: { label: 'Down', tone: 'danger', icon: XCircle },
  unknown: { label: 'Unknown', tone: 'neutral', icon: CircleDashed },
} satisfies Record<Enums<'connection_status'>, StatusMeta>

/** webhook_deliveries.status (a check constraint, not an enum). */
export type DeliveryStatus = 'received' | 'processing' | 'processed' | 'ignored' | 'failed'

export const deliveryStatusMeta = {
  received: { label: 'Received', tone: 'neutral', icon: Clock },
  processing: { label: 'Processing', tone: 'info', icon: spin },
  processed: { label: 'Processed', tone: 'success', icon: CheckCircle2 },
  ignored: { label: 'Ignored', tone: 'neutral', icon: SkipForward },
  failed: { label: 'Failed', tone: 'danger', icon: XCircle },
} satisfies Record<DeliveryStatus, StatusMeta>

/** notification_deliveries.status: one message to a channel (email, Slack, webhook). */
export const notificationDeliveryStatusMeta = {
  pending: { label: 'Pending', tone: 'neutral', icon: Clock },
  retrying: { label: 'Retrying', tone: 'warning', icon: TriangleAlert },
  delivered: { label: 'Delivered', tone: 'success', icon: CheckCircle2 },
  failed: { label: 'Failed', tone: 'danger', icon: XCircle },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: Ban },
} satisfies Record<Enums<'notification_delivery_status'>, StatusMeta>

const metas = { execution: executionStatusMeta, node: nodeStatusMeta, approval: approvalStatusMeta, deployment: deploymentStatusMeta, connection: connectionStatusMeta, delivery: deliveryStatusMeta, notification: notificationDeliveryStatusMeta }
type StatusOf = { execution: Enums<'execution_status'>; node: Enums<'node_status'>; approval: Enums<'approval_status'>; deployment: Enums<'deployment_status'>; connection: Enums<'connection_status'>; delivery: DeliveryStatus; notification: Enums<'notification_delivery_status'> }

/** A waiting node waits for different things: people at a gate, an open environment for a deploy, time for a wait. */
const waitingLabel: Record<string, string> = { deploy: 'Waiting in queue', wait: 'Waiting', approval: 'Blocked on gate' }

/**
 * The one way any status is shown: label, colour and icon from the meta maps above. `nodeKind` names what a
 * waiting node waits for.
 */
export function StatusBadge<K extends keyof StatusOf>({ kind, status, className, nodeKind }: { kind: K; status: StatusOf[K]; className?: string; nodeKind?: string }) {
  const base = (metas[kind] as Record<string, StatusMeta>)[status] ?? { label: status, tone: 'neutral', icon: CircleDashed }
  const meta = kind === 'node' && status === 'waiting' && nodeKind && waitingLabel[nodeKind] ? { ...base, label: waitingLabel[nodeKind] } : base
  const Icon = meta.icon
  return (
    <Badge tone={meta.tone} className={className} data-status={status}>
      <Icon className="size-3" aria-hidden />
      {meta.label}
    </Badge>
  )
}
