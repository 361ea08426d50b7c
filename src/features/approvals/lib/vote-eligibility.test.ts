import { describe, expect, it } from 'vitest'
import { voteEligibility, type VoteContext } from './vote-eligibility.ts'

const base: VoteContext = {
  userId: 'admin', role: 'admin', status: 'pending', expiresAt: null,
  allowedRoles: ['admin', 'operator'], allowSelfApproval: false, startedBy: 'operator', voterIds: [],
}
const now = Date.parse('2026-11-28T12:00:00Z')

describe('voteEligibility', () => {
  it('lets an allowed role vote on an open request started by someone else', () => {
    expect(voteEligibility(base, now)).toEqual({ canVote: true, reason: null })
  })
  it('hides both buttons for viewers and for roles the request does not allow', () => {
    expect(voteEligibility({ ...base, role: 'viewer' }, now)).toEqual({ canVote: false, reason: 'Your role (viewer) cannot vote on this request.' })
    expect(voteEligibility({ ...base, role: 'operator', allowedRoles: ['admin'] }, now)).toMatchObject({ canVote: false })
    expect(voteEligibility({ ...base, role: null }, now)).toMatchObject({ canVote: false, reason: 'Only project members can vote.' })
  })
  it('gives the run starter no vote unless the request allows self-approval', () => {
    const result = voteEligibility({ ...base, userId: 'operator', role: 'operator' }, now)
    expect(result).toEqual({ canVote: false, reason: 'You started this run; someone else must approve' })
    expect(voteEligibility({ ...base, userId: 'operator', role: 'operator', allowSelfApproval: true }, now).canVote).toBe(true)
  })
  it('closes voting after the user voted, once decided, or once expired', () => {
    expect(voteEligibility({ ...base, voterIds: ['sre', 'admin'] }, now)).toMatchObject({ canVote: false, reason: 'You have voted on this request.' })
    expect(voteEligibility({ ...base, status: 'approved' }, now)).toMatchObject({ canVote: false })
    expect(voteEligibility({ ...base, expiresAt: '2026-11-28T11:59:59Z' }, now)).toMatchObject({ canVote: false, reason: 'This request has expired.' })
    expect(voteEligibility({ ...base, expiresAt: '2026-11-28T12:00:01Z' }, now).canVote).toBe(true)
  })
})
