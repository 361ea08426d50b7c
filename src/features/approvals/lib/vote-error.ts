/** What PostgREST hands back when the database refuses a write. */
export interface DatabaseRefusal {
  code?: string | null
  message?: string | null
}

/**
 * Turns the approval triggers' and RLS's refusals (check_approval_vote, the unique vote per user, the insert
 * policy) into one sentence a person can act on. Unknown refusals keep the database's own words.
 */
export function voteErrorMessage(error: DatabaseRefusal): string {
  const code = error.code ?? ''
  const message = error.message ?? ''
  if (code === '23505') return 'You have already voted on this request; each person votes once.'
  if (/starter cannot approve/i.test(message)) return 'You started this run, so someone else must approve it.'
  const role = /role (\S+) may not vote/i.exec(message)
  if (role) {
    return role[1] === 'non-member'
      ? 'You are not a member of this project, so you cannot vote on its approvals.'
      : `Your role (${role[1]}) may not vote on this request.`
  }
  const already = /approval request is already (\w+)/i.exec(message)
  if (already) return `This request is already ${already[1]}; votes are closed.`
  if (/approval request expired/i.test(message)) return 'This request has expired; votes are closed.'
  if (/does not exist/i.test(message) || code === '23503') return 'This approval request no longer exists.'
  // The approval policies' refusals are already sentences meant for the voter.
  if (/separation of duties|approval policy|opens once level|earlier level|change ticket id|impact notes|not a member of this project/i.test(message)) return message
  if (code === '42501') return 'You are not allowed to vote on this request.'
  return message ? `The vote was refused: ${message}` : 'The vote was refused for an unknown reason.'
}
