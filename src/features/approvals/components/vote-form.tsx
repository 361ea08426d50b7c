import { zodResolver } from '@hookform/resolvers/zod'
import { Check, X } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Textarea } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useCastVote, voteInput, type VoteInput } from '../api/cast-vote.ts'
import type { Eligibility } from '../lib/vote-eligibility.ts'

/** Comment plus Approve / Reject; the database has the last word and its refusal is shown as a sentence. */
export function VoteForm({ request, eligibility, compact = false }: {
  request: { id: string; projectId: string; label: string }
  eligibility: Eligibility
  compact?: boolean
}) {
  const vote = useCastVote(request)
  const [refusal, setRefusal] = useState<string | null>(null)
  const { register, handleSubmit, setValue, reset, formState: { errors } } = useForm<VoteInput>({
    resolver: zodResolver(voteInput),
    defaultValues: { vote: 'approve', comment: '' },
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
        reset({ vote: 'approve', comment: '' })
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
