import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { freezeWindowInput, useOccurrences, type FreezeWindowInput, type FreezeWindowRow } from '../api/freeze-windows.ts'

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney']

/** A datetime-local value (local wall clock) for an ISO time. */
const toLocal = (iso: string | null) => {
  if (!iso) return ''
  const d = new Date(iso)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

export function formValues(row: FreezeWindowRow | null): FreezeWindowInput {
  return {
    kind: row?.recurrence ? 'recurring' : 'once',
    scope: row && row.environment_id === null ? 'project' : 'environment',
    reason: row?.reason ?? '',
    required_role: row?.required_role === 'operator' ? 'operator' : 'admin',
    starts_at: toLocal(row?.starts_at ?? new Date().toISOString()),
    ends_at: toLocal(row?.ends_at ?? null),
    recurrence: row?.recurrence ?? '0 9 * * 1-5',
    time_zone: row?.time_zone ?? browserZone(),
    duration_minutes: String(row?.duration_minutes ?? 60),
  }
}

/** Creates or edits a freeze window: one-off (start, end) or recurring (cron in a time zone, a duration). */
export function FreezeWindowForm({ trigger, row, envKey, onSave }: {
  trigger: ReactNode
  row: FreezeWindowRow | null
  envKey: string
  onSave: (input: FreezeWindowInput) => Promise<unknown>
}) {
  const form = useForm<FreezeWindowInput>({ resolver: zodResolver(freezeWindowInput), defaultValues: formValues(row) })
  const { register, control, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, () => formValues(row), onSave)
  const [kind, recurrence, timeZone] = useWatch({ control, name: ['kind', 'recurrence', 'time_zone'] })
  const preview = useOccurrences(kind === 'recurring' ? recurrence : '', timeZone)
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-lg">
        <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} aria-label="Freeze window">
          <DialogHeader>
            <DialogTitle>{row ? 'Edit freeze window' : 'New freeze window'}</DialogTitle>
            <DialogDescription>Deploys that reach a frozen environment wait in its queue until the window ends. It is checked when the deploy runs.</DialogDescription>
          </DialogHeader>
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Kind"><NativeSelect {...register('kind')}><option value="once">One-off</option><option value="recurring">Recurring</option></NativeSelect></FormField>
            <FormField label="Applies to">
              <NativeSelect {...register('scope')}><option value="environment">{envKey} only</option><option value="project">Every environment of the project</option></NativeSelect>
            </FormField>
          </div>
          <FormField label="Reason" error={errors.reason?.message}><Input {...register('reason')} placeholder="Quarter close" /></FormField>
          <FormField label="Who may break glass"><NativeSelect {...register('required_role')}><option value="admin">Admins</option><option value="operator">Operators and admins</option></NativeSelect></FormField>
          {kind === 'recurring' && (
            <>
              <FormField label="Recurrence (cron)" error={errors.recurrence?.message ?? (preview.isError ? preview.error.message : undefined)}
                hint="minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5 (weekdays at 09:00); lists 1,3, ranges 1-5, steps */15">
                <Input className="font-mono" {...register('recurrence')} />
              </FormField>
              <div className="grid grid-cols-2 gap-3">
                <FormField label="Time zone" error={errors.time_zone?.message}>
                  <Input list="freeze-zones" {...register('time_zone')} />
                </FormField>
                <FormField label="Each lasts (minutes)" error={errors.duration_minutes?.message}><Input type="number" min={1} {...register('duration_minutes')} /></FormField>
              </div>
              <datalist id="freeze-zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist>
              {preview.data && !preview.isError && (
                <p className="text-xs text-muted-foreground" data-testid="freeze-preview">
                  Next: {preview.data.map((t) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone.trim() || undefined })).join(' · ')} ({timeZone})
                </p>
              )}
            </>
          )}
          <div className="grid grid-cols-2 gap-3">
            <FormField label={kind === 'recurring' ? 'Applies from' : 'Starts'} error={errors.starts_at?.message}><Input type="datetime-local" {...register('starts_at')} /></FormField>
            <FormField label={kind === 'recurring' ? 'Until (optional)' : 'Ends'} error={errors.ends_at?.message}><Input type="datetime-local" {...register('ends_at')} /></FormField>
          </div>
          {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>{row ? 'Save' : 'Create'}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
