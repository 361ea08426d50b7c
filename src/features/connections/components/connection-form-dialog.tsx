import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useSaveConnection } from '../api/save-connection.ts'
import { connectionFormSchema, emptyForm, formFromRow, type ConnectionFormValues, type ConnectionRowLike } from '../lib/connection-form.ts'
import { CONNECTION_TYPES, typeMeta } from '../lib/connection-types.ts'
import { ConfigFields } from './config-fields.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'

/** Add (no `existing`) or edit a connection; the database's refusal stays in the dialog as a sentence. */
export function ConnectionFormDialog({ orgId, trigger, existing, onSaved }: {
  orgId: string
  trigger: ReactNode
  existing?: ConnectionRowLike & { id: string }
  onSaved?: (id: string) => void
}) {
  const save = useSaveConnection()
  const initial = () => (existing ? formFromRow(existing) : emptyForm())
  const form = useForm<ConnectionFormValues>({ resolver: zodResolver(connectionFormSchema), defaultValues: initial() })
  const { register, watch, formState: { errors, isSubmitting } } = form
  const type = watch('type')
  const { open, change, submit, refusal } = useFormDialog(form, initial, async (values) => {
    const { id } = await save.mutateAsync({ orgId, values, existing: existing && { id: existing.id, config: existing.config } })
    toast({ title: existing ? `${values.name.trim()} saved` : `${values.name.trim()} added`, description: 'Press Check now to check it.', tone: 'success' })
    onSaved?.(id)
  })
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <DialogHeader>
            <DialogTitle>{existing ? `Edit ${existing.name}` : 'Add a connection'}</DialogTitle>
            <DialogDescription>{typeMeta[type].check} Credentials never go in Opzenix's database: they stay in function secrets.</DialogDescription>
          </DialogHeader>
          <FormField label="Type" hint={existing ? 'The type of a saved connection cannot change; add a new one instead.' : undefined}>
            <NativeSelect disabled={!!existing} {...register('type')}>
              {CONNECTION_TYPES.map((t) => <option key={t} value={t}>{typeMeta[t].label}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label="Name" error={errors.name?.message} hint="Unique in the organization.">
            <Input autoFocus autoComplete="off" placeholder="e.g. OTel collector (prod)" {...register('name')} />
          </FormField>
          <ConfigFields type={type} register={register} errors={errors} />
          {refusal && <Alert tone="danger">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>{existing ? 'Save changes' : 'Add connection'}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
