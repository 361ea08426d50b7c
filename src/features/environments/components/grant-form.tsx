import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import type { GrantSubjects } from '../api/get-grant-subjects.ts'
import { grantInput, type GrantInput } from '../api/save-grant.ts'
import { actionMeta, effectMeta, ENVIRONMENT_ACTIONS } from '../lib/environment-actions.ts'

const blank: GrantInput = { subject: '', action: 'rollback', effect: 'deny', reason: '' }

/**
 * Adds a grant: a member or a team, an action, allow or deny, and why. Native controls in a plain form, so it
 * works from the keyboard alone (Tab between fields, Enter submits); the database's refusal stays on screen.
 */
export function GrantForm({ envKey, subjects, onAdd }: { envKey: string; subjects: GrantSubjects; onAdd: (input: GrantInput) => Promise<unknown> }) {
  const form = useForm<GrantInput>({ resolver: zodResolver(grantInput), defaultValues: blank })
  const { register, handleSubmit, reset, setError, watch, formState: { errors, isSubmitting } } = form
  const action = watch('action')
  const submit = handleSubmit(async (values) => {
    try {
      await onAdd(values)
      reset(blank)
    } catch (e) {
      setError('root', { message: (e as Error).message })
    }
  })
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3 rounded-md border bg-card p-4" aria-labelledby="grant-form-title">
      <h4 id="grant-form-title" className="text-sm font-medium">Add a grant on {envKey}</h4>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Member or team" error={errors.subject?.message}>
          <NativeSelect {...register('subject')}>
            <option value="">Choose…</option>
            <optgroup label="Members">
              {subjects.members.map((m) => <option key={m.id} value={`user:${m.id}`}>{m.name} ({m.role})</option>)}
            </optgroup>
            {subjects.teams.length > 0 && (
              <optgroup label="Teams">
                {subjects.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>Team {t.name}</option>)}
              </optgroup>
            )}
          </NativeSelect>
        </FormField>
        <FormField label="Action" error={errors.action?.message} hint={action in actionMeta ? `Lets them ${actionMeta[action].description}.` : undefined}>
          <NativeSelect {...register('action')}>
            {ENVIRONMENT_ACTIONS.map((a) => <option key={a} value={a}>{actionMeta[a].label}</option>)}
          </NativeSelect>
        </FormField>
        <FormField label="Effect" error={errors.effect?.message} hint="A deny beats any allow.">
          <NativeSelect {...register('effect')}>
            {(['deny', 'allow'] as const).map((e) => <option key={e} value={e}>{effectMeta[e].label}</option>)}
          </NativeSelect>
        </FormField>
      </div>
      <FormField label="Reason" error={errors.reason?.message} hint="Optional; shown to the people it applies to, in the sentence that tells them why.">
        <Input {...register('reason')} placeholder="e.g. rollbacks on prod go through the incident commander" />
      </FormField>
      {errors.root && <Alert tone="danger">{errors.root.message}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={isSubmitting}><Plus aria-hidden />{isSubmitting ? 'Adding…' : 'Add grant'}</Button>
      </div>
    </form>
  )
}
