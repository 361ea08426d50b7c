import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import type { Integration } from '../api/list-integrations.ts'
import type { MappingOptions } from '../api/mapping-options.ts'
import { mappingInput, type MappingInput } from '../api/save-branch-mapping.ts'

/** Add or edit a branch mapping; the pattern is checked as you type (lib/branch-pattern.ts). */
export function MappingForm({ trigger, title, initial, options, integrations, onSave }: {
  trigger: ReactNode
  title: string
  initial: MappingInput
  options: MappingOptions
  integrations: Integration[]
  onSave: (input: MappingInput) => Promise<unknown>
}) {
  const form = useForm<MappingInput>({ resolver: zodResolver(mappingInput), defaultValues: initial, mode: 'onChange' })
  const { register, formState: { errors, isSubmitting } } = form
  const { open, change, submit, refusal } = useFormDialog(form, () => initial, onSave)
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>A push to a matching branch starts the pipeline for the environment. The first match wins, lowest position first.</DialogDescription>
          </DialogHeader>
          <FormField label="Branch pattern" hint="* within one path segment, ** across segments, ? one character" error={errors.branch_pattern?.message}>
            <Input placeholder="release/*" autoFocus {...register('branch_pattern')} />
          </FormField>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Environment" error={errors.environment_id?.message}>
              <NativeSelect {...register('environment_id')}>
                <option value="">Pick an environment</option>
                {options.environments.map((e) => <option key={e.id} value={e.id}>{e.display_name}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Pipeline" error={errors.flow_template_id?.message}>
              <NativeSelect {...register('flow_template_id')}>
                <option value="">None (record the match only)</option>
                {options.pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Repository" error={errors.github_integration_id?.message}>
              <NativeSelect {...register('github_integration_id')}>
                <option value="">All repositories</option>
                {integrations.map((i) => <option key={i.id} value={i.id}>{i.repository_owner}/{i.repository_name}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Position" hint="Lower is tried first" error={errors.position?.message}>
              <Input type="number" min={0} {...register('position', { valueAsNumber: true })} />
            </FormField>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...register('is_deployable')} />
            Deployable (a matching push starts a run; otherwise the match is only recorded)
          </label>
          {refusal && <Alert tone="danger">{refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>Save mapping</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
