import type { BadgeTone } from '../../../components/ui/badge.tsx'
import type { AppRole } from '../../../lib/permissions.ts'

/** Roles from most to least powerful, the order every role select shows. */
export const ROLES = ['admin', 'operator', 'viewer'] as const satisfies readonly AppRole[]

export const roleMeta = {
  admin: { label: 'Admin', tone: 'accent', description: 'Manages members, projects, environments and locks; approves deploys' },
  operator: { label: 'Operator', tone: 'info', description: 'Builds and runs pipelines, votes on gates, rolls back' },
  viewer: { label: 'Viewer', tone: 'neutral', description: 'Sees everything, changes nothing' },
} satisfies Record<AppRole, { label: string; tone: BadgeTone; description: string }>

/** What invitation_preview says about a link, plus "missing" when it finds no invitation at all. */
export type InvitationStatus = 'open' | 'expired' | 'accepted' | 'missing'

export const invitationStatusMeta = {
  open: { label: 'Open', tone: 'success', sentence: 'This invitation is open.' },
  expired: { label: 'Expired', tone: 'warning', sentence: 'This invitation has expired: ask an admin of the organization for a new one.' },
  accepted: { label: 'Used', tone: 'neutral', sentence: 'This invitation has already been used.' },
  missing: {
    label: 'Not valid', tone: 'danger',
    sentence: 'This invitation link is not valid: it was revoked, replaced by a newer one, or mistyped. Ask an admin of the organization for a new one.',
  },
} satisfies Record<InvitationStatus, { label: string; tone: BadgeTone; sentence: string }>

export function toInvitationStatus(status: string | null | undefined): InvitationStatus {
  return status === 'open' || status === 'expired' || status === 'accepted' ? status : 'missing'
}
