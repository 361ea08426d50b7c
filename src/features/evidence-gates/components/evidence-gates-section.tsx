import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { useEvidenceGates, useSaveEvidenceGates } from '../api/evidence-gates.ts'
import { describeGate, formValues, gateFormSchema, type GateFormInput, type GateFormValues } from '../lib/gate-form.ts'

type Environment = { id: string; key: string }

/** An environment's evidence gates: what CI's findings and test results must be for a run to deploy or be promoted here. */
export function EvidenceGatesSection({ environment }: { environment: Environment }) {
  const { role } = useWorkspace()
  const gates = useEvidenceGates(environment.id)
  const [editing, setEditing] = useState(false)
  return (
    <section className="flex flex-col gap-2 rounded-md border bg-card p-4" aria-label="Evidence gates" data-testid="evidence-gates-settings">
      <header className="flex items-center justify-between gap-2">
        <h2 className="font-medium">Evidence gates</h2>
        {role === 'admin' && !editing && gates.data && (
          <button type="button" className="text-xs underline underline-offset-2" onClick={() => setEditing(true)}>Edit gates</button>
        )}
      </header>
      {gates.isPending ? <LoadingRows rows={2} />
        : gates.isError ? <ErrorState error={gates.error} onRetry={() => void gates.refetch()} />
        : editing ? <GatesForm environment={environment} initial={formValues(gates.data)} onDone={() => setEditing(false)} />
        : gates.data.length === 0
          ? <p className="text-xs text-muted-foreground" data-testid="evidence-gates-summary">No gate: runs deploy to {environment.key} whatever their scans and tests reported.</p>
          : (
            <ul className="flex flex-col gap-1 text-xs" data-testid="evidence-gates-summary">
              {gates.data.map((g) => <li key={g.id}><span className="font-medium">{g.kind === 'security' ? 'Security' : 'Tests'}:</span> {describeGate(g)}.</li>)}
            </ul>
          )}
    </section>
  )
}

function GatesForm({ environment, initial, onDone }: { environment: Environment; initial: GateFormInput; onDone: () => void }) {
  const project = useProject()
  const save = useSaveEvidenceGates({ id: environment.id, project_id: project.id })
  const form = useForm<GateFormInput, unknown, GateFormValues>({ resolver: zodResolver(gateFormSchema), defaultValues: initial })
  const { register, watch, formState: { errors, isSubmitting } } = form
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values)
      toast({ title: `Evidence gates of ${environment.key} saved` })
      onDone()
    } catch { /* save.error shows the refusal */ }
  })
  return (
    <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} aria-label={`Evidence gates of ${environment.key}`}>
      <fieldset className="flex flex-col gap-2">
        <label className="flex items-center gap-2 text-sm font-medium"><input type="checkbox" {...register('security')} /> Security gate</label>
        {watch('security') && (
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Most critical findings" error={errors.max_critical?.message} hint="More than this refuses the deploy.">
              <Input inputMode="numeric" {...register('max_critical')} />
            </FormField>
            <FormField label="Most high findings" error={errors.max_high?.message} hint="Blank: any number.">
              <Input inputMode="numeric" {...register('max_high')} />
            </FormField>
          </div>
        )}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <label className="flex items-center gap-2 text-sm font-medium"><input type="checkbox" {...register('tests')} /> Test gate</label>
        {watch('tests') && (
          <div className="grid gap-3 sm:grid-cols-3">
            <FormField label="Most failed tests" error={errors.max_failed_tests?.message}>
              <Input inputMode="numeric" {...register('max_failed_tests')} />
            </FormField>
            <FormField label="Least coverage (%)" error={errors.min_coverage?.message} hint="Blank: no floor.">
              <Input inputMode="decimal" {...register('min_coverage')} />
            </FormField>
            <FormField label="Largest coverage drop (points)" error={errors.max_coverage_drop?.message} hint={`Against what runs in ${environment.key}; blank: any.`}>
              <Input inputMode="decimal" {...register('max_coverage_drop')} />
            </FormField>
          </div>
        )}
      </fieldset>
      <p className="text-xs text-muted-foreground">A blocked run can still ship with an exception an operator asks for on its page and another admin approves.</p>
      {save.error && <Alert tone="danger" role="alert">{save.error.message}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={isSubmitting}>Save gates</Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  )
}
