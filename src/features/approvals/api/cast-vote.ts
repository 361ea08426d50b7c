import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { voteErrorMessage } from '../lib/vote-error.ts'

export const voteInput = z.object({
  vote: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters'),
  /** Asked for when the request's approval policy requires them (the database checks again). */
  ticket_id: z.string().trim().max(80, 'Keep the ticket id under 80 characters').optional(),
  impact_notes: z.string().trim().max(2000, 'Keep the notes under 2,000 characters').optional(),
}).refine((v) => v.vote === 'approve' || v.comment.length > 0, { path: ['comment'], message: 'Say why you reject this request' })

export type VoteInput = z.infer<typeof voteInput>

/** A refusal from the database, already put into words for the voter. */
export class VoteRefused extends Error {}

/** Casts the caller's vote; the database checks role, self-approval and one vote per user, and tallies. */
export async function castVote(request: { id: string; projectId: string }, input: VoteInput): Promise<void> {
  const { vote, comment, ticket_id, impact_notes } = voteInput.parse(input)
  const { error } = await supabase.from('approval_votes').insert({
    approval_request_id: request.id, project_id: request.projectId, vote, comment: comment || null,
    ticket_id: ticket_id || null, impact_notes: impact_notes || null,
  })
  if (error) throw new VoteRefused(voteErrorMessage(error))
}

export function useCastVote(request: { id: string; projectId: string }) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: VoteInput) => castVote(request, input),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.executions.all }),
    ]),
  })
}
