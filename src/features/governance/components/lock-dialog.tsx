import { zodResolver } from '@hookform/resolvers/zod'
import { Lock } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect, Textarea } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { LOCK_ROLES, lockEnvironmentInput, useLockEnvironment, type LockEnvironmentInput, type LockEnvironmentTarget } from '../api/lock-environment.ts'

const roleLabel = { admin: 'Admins (with a second admin\'s approval)', operator: 'Operators and admins (with a second admin\'s approval)' } satisfies Record<(typeof LOCK_ROLES)[number], string>

/**
 * Locks an environment: a reason, who may still break glass through the lock, and an optional time-to-live
 * after which the lock lifts itself (audited). Deploys that arrive meanwhile wait in the environment's queue.
 */
export function LockDialog({ target, envKey, envName }: { target: LockEnvironmentTarget; envKey: string; envName: string }) {
  const lock = useLockEnvironment(target)
  const initial = (): LockEnvironmentInput => ({ reason: '', required_role: 'admin', ttl_minutes: '' })
  const form = useForm<LockEnvironmentInput>({ resolver: zodResolver(lockEnvironmentInput) as never, defaultValues: initial() })
  const { register, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, initial, async (values) => {
    await lock.mutateAsync(values)
    toast({ title: `${envKey} locked`, description: values.reason, tone: 'success' })
  })
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button variant="destructive" size="sm" data-testid={`lock-${envKey}`}><Lock aria-hidden />Lock {envKey}</Button>
      </DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} aria-label={`Lock ${envName}`}>
          <DialogHeader>
            <DialogTitle>Lock {envName}?</DialogTitle>
            <DialogDescription>
              Deploys into {envKey} wait in its queue until the lock lifts, then go in the order they arrived. Breaking glass
              through the lock needs a reason and a second admin's approval, and is audited.
            </DialogDescription>
          </DialogHeader>
          <FormField label="Reason" error={errors.reason?.message} hint="Shown to everyone whose deploy waits, and kept in the audit trail.">
            <Textarea rows={3} autoFocus {...register('reason')} />
          </FormField>
          <FormField label="Who may break glass" error={errors.required_role?.message}>
            <NativeSelect {...register('required_role')}>
              {LOCK_ROLES.map((r) => <option key={r} value={r}>{roleLabel[r]}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label="Lifts itself after (minutes)" error={errors.ttl_minutes?.message} hint="Leave empty to keep it until someone unlocks.">
            <Input type="number" min={1} inputMode="numeric" placeholder="e.g. 60" {...register('ttl_minutes')} />
          </FormField>
          {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" variant="destructive" disabled={isSubmitting}>Confirm lock</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
