import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from './form-field.tsx'
import { Alert } from './ui/alert.tsx'
import { Button } from './ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from './ui/dialog.tsx'
import { Textarea } from './ui/input.tsx'
import { useFormDialog } from '../lib/use-form-dialog.ts'

type ReasonSchema = z.ZodType<{ reason: string }, { reason: string }>

/**
 * A confirm dialog for consequential changes that must say why: it states what will happen, asks for a
 * reason (validated by the operation's own schema) and shows the server's refusal without closing.
 */
export function ReasonDialog({ trigger, title, description, confirmLabel, cancelLabel = 'Cancel', schema, destructive = true, onConfirm }: {
  trigger: ReactNode
  title: string
  description: ReactNode
  confirmLabel: string
  cancelLabel?: string
  schema: ReasonSchema
  destructive?: boolean
  onConfirm: (reason: string) => Promise<unknown>
}) {
  const form = useForm<{ reason: string }>({ resolver: zodResolver(schema), defaultValues: { reason: '' } })
  const { register, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, () => ({ reason: '' }), ({ reason }) => onConfirm(reason))
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)}>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <FormField label="Reason" error={errors.reason?.message} hint="Recorded with the change and in the audit trail.">
            <Textarea rows={3} autoFocus {...register('reason')} />
          </FormField>
          {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>{cancelLabel}</Button>
            <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={isSubmitting}>{confirmLabel}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
