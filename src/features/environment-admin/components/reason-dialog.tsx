import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Textarea } from '../../../components/ui/input.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { reasonSchema } from '../api/save-config.ts'

/** Says what will happen, asks why (recorded with the change) and keeps the server's refusal on screen. */
export function ReasonDialog({ trigger, title, description, confirmLabel, destructive = false, onConfirm }: {
  trigger: ReactNode
  title: string
  description: ReactNode
  confirmLabel: string
  destructive?: boolean
  onConfirm: (reason: string) => Promise<unknown>
}) {
  const form = useForm<{ reason: string }>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } })
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
          <FormField label="Reason" error={form.formState.errors.reason?.message} hint="Recorded with the change and in the audit trail.">
            <Textarea rows={3} autoFocus {...form.register('reason')} />
          </FormField>
          {refusal && <Alert tone="danger">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={form.formState.isSubmitting}>{confirmLabel}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
