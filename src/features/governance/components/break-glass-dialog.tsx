import { zodResolver } from '@hookform/resolvers/zod'
import { ShieldAlert } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { NativeSelect, Textarea } from '../../../components/ui/input.tsx'
import { formatDateTime } from '../../../lib/format.ts'
import {
  BREAK_GLASS_REASONS, breakGlassReasonLabel, requestBreakGlassInput, useBreakGlassMutations, useBreakGlassRequests,
  type BreakGlassRequest, type BreakGlassTarget, type RequestBreakGlassInput,
} from '../api/break-glass.ts'
import { breakGlassState, breakGlassStateMeta } from '../lib/break-glass-state.ts'

/**
 * Break-glass for admins: ask to deploy through this environment's lock or freeze (a reason from the list
 * plus words), and approve or reject other admins' requests. An approved request lets its requester's next
 * deploy here through, once, within its hour; the deploy is marked break-glass and audited.
 */
export function BreakGlassDialog({ target, envKey }: { target: BreakGlassTarget; envKey: string }) {
  const [open, setOpen] = useState(false)
  const requests = useBreakGlassRequests(target.environmentId, open)
  const { request, decide } = useBreakGlassMutations(target)
  const form = useForm<RequestBreakGlassInput>({ resolver: zodResolver(requestBreakGlassInput), defaultValues: { reason_category: 'incident', reason: '' } })
  const { register, formState: { errors, isSubmitting } } = form
  const [refusal, setRefusal] = useState<string | null>(null)
  const submit = form.handleSubmit(async (values) => {
    setRefusal(null)
    try { await request.mutateAsync(values); form.reset({ reason_category: values.reason_category, reason: '' }) } catch (e) { setRefusal((e as Error).message) }
  })
  const act = async (id: string, approve: boolean) => {
    setRefusal(null)
    try { await decide.mutateAsync({ id, approve }) } catch (e) { setRefusal((e as Error).message) }
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid={`break-glass-${envKey}`}><ShieldAlert aria-hidden />Break glass</Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Break glass in {envKey}</DialogTitle>
          <DialogDescription>
            Deploy through a lock or freeze window only with a reason and a second admin's approval. The approval covers
            your next deploy into {envKey} (by hand or by a run you start), once, within an hour.
          </DialogDescription>
        </DialogHeader>
        <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} aria-label="Ask to break glass">
          <FormField label="Reason" error={errors.reason_category?.message}>
            <NativeSelect {...register('reason_category')}>
              {BREAK_GLASS_REASONS.map((r) => <option key={r} value={r}>{breakGlassReasonLabel[r]}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label="What and why" error={errors.reason?.message} hint="The approving admin and the audit trail see this.">
            <Textarea rows={2} {...register('reason')} />
          </FormField>
          <Button type="submit" size="sm" className="self-end" disabled={isSubmitting}>Ask a second admin</Button>
        </form>
        {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
        <section className="flex flex-col gap-2" aria-label="Break-glass requests">
          <h3 className="text-sm font-medium">Requests in the last day</h3>
          {requests.isPending ? <p className="text-sm text-muted-foreground">Loading…</p>
            : requests.isError ? <Alert tone="danger">{requests.error.message}</Alert>
            : requests.data.length === 0 ? <p className="text-sm text-muted-foreground">None.</p>
            : <ul className="flex flex-col gap-2">{requests.data.map((r) => <RequestRow key={r.id} r={r} mine={r.requested_by === target.userId} onDecide={act} />)}</ul>}
        </section>
      </DialogContent>
    </Dialog>
  )
}

function RequestRow({ r, mine, onDecide }: { r: BreakGlassRequest; mine: boolean; onDecide: (id: string, approve: boolean) => Promise<void> }) {
  const state = breakGlassState(r)
  const meta = breakGlassStateMeta[state]
  return (
    <li className="flex flex-col gap-1 rounded-md border p-2 text-sm" data-testid="break-glass-request" data-state={state}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={meta.tone}>{state === 'approved' && !mine ? 'Approved' : meta.label}</Badge>
        <span className="font-medium">{breakGlassReasonLabel[r.reason_category]}</span>
        <span className="text-xs text-muted-foreground">by {mine ? 'you' : r.requestedByName} · {formatDateTime(r.created_at)}</span>
      </div>
      <p>{r.reason}</p>
      {r.decidedByName && <p className="text-xs text-muted-foreground">{r.status === 'rejected' ? 'Rejected' : 'Approved'} by {r.decidedByName}{r.decision_comment ? `: ${r.decision_comment}` : ''}</p>}
      {state === 'pending' && !mine && (
        <div className="flex gap-2 self-end">
          <Button size="sm" variant="outline" onClick={() => void onDecide(r.id, false)}>Reject</Button>
          <Button size="sm" onClick={() => void onDecide(r.id, true)} data-testid="approve-break-glass">Approve</Button>
        </div>
      )}
    </li>
  )
}
