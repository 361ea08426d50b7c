import type { Enums } from '../../../integrations/supabase/types.ts'

export interface VoteContext {
  userId: string
  /** The user's role in the request's organization; null when not a member. */
  role: Enums<'app_role'> | null
  status: Enums<'approval_status'>
  expiresAt: string | null
  allowedRoles: Enums<'app_role'>[]
  allowSelfApproval: boolean
  /** Who started the run the gate belongs to. */
  startedBy: string | null
  voterIds: string[]
}

export type Eligibility =
  | { canApprove: boolean; canReject: true; reason: string | null }
  | { canApprove: false; canReject: false; reason: string }

/**
 * Mirrors check_approval_vote so the UI hides buttons the database would refuse. A run's starter may still
 * reject (the database allows it); only approving their own run is barred.
 */
export function voteEligibility(ctx: VoteContext, now = Date.now()): Eligibility {
  if (ctx.status !== 'pending') return { canApprove: false, canReject: false, reason: 'Voting is closed.' }
  if (ctx.expiresAt && new Date(ctx.expiresAt).getTime() <= now) return { canApprove: false, canReject: false, reason: 'This request has expired.' }
  if (ctx.voterIds.includes(ctx.userId)) return { canApprove: false, canReject: false, reason: 'You have voted on this request.' }
  if (!ctx.role || !ctx.allowedRoles.includes(ctx.role)) {
    return { canApprove: false, canReject: false, reason: ctx.role ? `Your role (${ctx.role}) cannot vote on this request.` : 'Only project members can vote.' }
  }
  if (ctx.startedBy === ctx.userId && !ctx.allowSelfApproval) {
    return { canApprove: false, canReject: true, reason: 'You started this run; someone else must approve' }
  }
  return { canApprove: true, canReject: true, reason: null }
}
