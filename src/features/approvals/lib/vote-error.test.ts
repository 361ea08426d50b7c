import { describe, expect, it } from 'vitest'
import { voteErrorMessage } from './vote-error.ts'

describe('voteErrorMessage', () => {
  it('explains a second vote (unique violation)', () => {
    expect(voteErrorMessage({ code: '23505', message: 'duplicate key value violates unique constraint "approval_votes_approval_request_id_user_id_key"' }))
      .toBe('You have already voted on this request; each person votes once.')
  })
  it('explains self-approval', () => {
    expect(voteErrorMessage({ code: '42501', message: "the run's starter cannot approve their own request" }))
      .toBe('You started this run, so someone else must approve it.')
  })
  it('names the role that may not vote', () => {
    expect(voteErrorMessage({ code: '42501', message: 'role viewer may not vote on this request' }))
      .toBe('Your role (viewer) may not vote on this request.')
    expect(voteErrorMessage({ code: '42501', message: 'role non-member may not vote on this request' }))
      .toMatch(/not a member/)
  })
  it('explains closed and expired requests', () => {
    expect(voteErrorMessage({ code: '23514', message: 'approval request is already approved' }))
      .toBe('This request is already approved; votes are closed.')
    expect(voteErrorMessage({ code: '23514', message: 'approval request expired at 2026-11-28 10:00:00+00' }))
      .toBe('This request has expired; votes are closed.')
  })
  it('explains a missing request and a bare RLS refusal', () => {
    expect(voteErrorMessage({ code: '23503', message: 'approval request 1 does not exist' })).toBe('This approval request no longer exists.')
    expect(voteErrorMessage({ code: '42501', message: 'new row violates row-level security policy for table "approval_votes"' }))
      .toBe('You are not allowed to vote on this request.')
  })
  it('passes the approval policies\' sentences through unchanged', () => {
    for (const message of [
      'Your group votes at level 2, which opens once level 1 has passed.',
      'You wrote the commit being deployed, so you cannot approve it (separation of duties).',
      'You are not in any group this approval policy counts.',
      'This policy needs a change ticket id with your approval.',
    ]) expect(voteErrorMessage({ code: '42501', message })).toBe(message)
  })

  it('keeps the database words for anything else', () => {
    expect(voteErrorMessage({ code: 'XX000', message: 'boom' })).toBe('The vote was refused: boom')
    expect(voteErrorMessage({})).toBe('The vote was refused for an unknown reason.')
  })
})
