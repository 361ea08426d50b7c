import type { BadgeTone } from '../../../components/ui/badge.tsx'

/** A request's state as people see it: its status, or expired once an unused one passes expires_at. */
export type BreakGlassState = 'pending' | 'approved' | 'rejected' | 'used' | 'expired'

export const breakGlassStateMeta = {
  pending: { label: 'Waiting for a second admin', tone: 'warning' },
  approved: { label: 'Approved: your next deploy goes through', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  used: { label: 'Used', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'neutral' },
} satisfies Record<BreakGlassState, { label: string; tone: BadgeTone }>

export function breakGlassState(r: { status: string; expires_at: string }, now = Date.now()): BreakGlassState {
  if ((r.status === 'pending' || r.status === 'approved') && Date.parse(r.expires_at) <= now) return 'expired'
  return r.status as BreakGlassState
}
