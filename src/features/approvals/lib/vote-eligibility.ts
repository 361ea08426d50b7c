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

export type Eligibility = { canVote: true; reason: null } | { canVote: false; reason: string }

/**
 * Mirrors check_approval_vote so the UI hides the vote buttons where the database would refuse or where a vote
 * makes no sense. The run's starter gets none: the database bars approving their own run, and a starter who
 * wants to stop it cancels the run instead.
 */
export function voteEligibility(ctx: VoteContext, now = Date.now()): Eligibility {
  if (ctx.status !== 'pending') return { canVote: false, reason: 'Voting is closed.' }
  if (ctx.expiresAt && new Date(ctx.expiresAt).getTime() <= now) return { canVote: false, reason: 'This request has expired.' }
  if (ctx.voterIds.includes(ctx.userId)) return { canVote: false, reason: 'You have voted on this request.' }
  if (!ctx.role || !ctx.allowedRoles.includes(ctx.role)) {
    return { canVote: false, reason: ctx.role ? `Your role (${ctx.role}) cannot vote on this request.` : 'Only project members can vote.' }
  }
  if (ctx.startedBy === ctx.userId && !ctx.allowSelfApproval) {
    return { canVote: false, reason: 'You started this run; someone else must approve' }
  }
  return { canVote: true, reason: null }
}
