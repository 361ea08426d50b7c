import { zodResolver } from '@hookform/resolvers/zod'
import { Check, X } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, Textarea } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useCastVote, voteInput, type VoteInput } from '../api/cast-vote.ts'
import type { Eligibility } from '../lib/vote-eligibility.ts'

/** Comment plus Approve / Reject; the database has the last word and its refusal is shown as a sentence. */
export function VoteForm({ request, eligibility, compact = false, needsTicket = false, needsImpact = false }: {
  request: { id: string; projectId: string; label: string }
  eligibility: Eligibility
  compact?: boolean
  /** The request's approval policy asks for a change ticket id / impact notes with an approval. */
  needsTicket?: boolean
  needsImpact?: boolean
}) {
  const vote = useCastVote(request)
  const [refusal, setRefusal] = useState<string | null>(null)
  const { register, handleSubmit, setValue, reset, formState: { errors } } = useForm<VoteInput>({
    resolver: zodResolver(voteInput),
    defaultValues: { vote: 'approve', comment: '', ticket_id: '', impact_notes: '' },
  })

  if (!eligibility.canVote) {
    return <p className="text-xs text-muted-foreground" data-testid="vote-unavailable">{eligibility.reason}</p>
  }

  const submit = (choice: VoteInput['vote']) => {
    setValue('vote', choice)
    setRefusal(null)
    void handleSubmit(async (values) => {
      try {
        await vote.mutateAsync(values)
        reset({ vote: 'approve', comment: '', ticket_id: '', impact_notes: '' })
        toast({ title: values.vote === 'approve' ? 'Approved' : 'Rejected', description: request.label, tone: values.vote === 'approve' ? 'success' : 'info' })
      } catch (e) {
        setRefusal((e as Error).message)
      }
    })()
  }

  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); submit('approve') }} aria-label={`Vote on ${request.label}`}>
      <FormField label="Comment" hint={compact ? undefined : 'Required when you reject.'} error={errors.comment?.message}>
        <Textarea rows={compact ? 1 : 2} placeholder="Why approve or reject" {...register('comment')} />
      </FormField>
      {needsTicket && (
        <FormField label="Change ticket id" hint="Required by this environment's approval policy to approve." error={errors.ticket_id?.message}>
          <Input placeholder="CHG-1234" {...register('ticket_id')} />
        </FormField>
      )}
      {needsImpact && (
        <FormField label="Impact notes" hint="Required by this environment's approval policy to approve." error={errors.impact_notes?.message}>
          <Textarea rows={2} placeholder="What changes for users, and how to roll back" {...register('impact_notes')} />
        </FormField>
      )}
      {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
      <div className="flex gap-2">
        <Button type="button" size="sm" disabled={vote.isPending} onClick={() => submit('approve')}>
          <Check aria-hidden /> Approve
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={vote.isPending} onClick={() => submit('reject')}>
          <X aria-hidden /> Reject
        </Button>
      </div>
    </form>
  )
}
