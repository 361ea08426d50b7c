import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { useProject } from '../../../lib/workspace.ts'
import { createEnvironmentSchema, STRATEGIES, TIERS, useChangeChain, type CreateEnvironmentInput } from '../api/change-chain.ts'
import { useChain } from '../api/get-chain.ts'
import { STRATEGY_LABELS, TIER_LABELS } from '../lib/labels.ts'

/** "New environment": admins add one anywhere along the chain; others see the button disabled and why. */
export function NewEnvironmentButton() {
  const project = useProject()
  const chain = useChain(project.id)
  const change = useChangeChain()
  const active = chain.data?.active ?? []
  const form = useForm<CreateEnvironmentInput>({ resolver: zodResolver(createEnvironmentSchema) })
  const initial = () => ({ key: '', display_name: '', tier: 'testing' as const, position: active.length, required_approvals: 0, deploy_strategy: 'rolling' as const })
  const dialog = useFormDialog(form, initial, (values) => change.mutateAsync({ route: '', body: { ...values, project_id: project.id } }))
  const { register, formState: { errors, isSubmitting } } = form
  if (project.role !== 'admin') {
    return (
      <Button variant="outline" disabled title="Only an admin of this organization can add environments">
        <Plus aria-hidden /> New environment
      </Button>
    )
  }
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.change}>
      <DialogTrigger asChild>
        <Button disabled={chain.isPending}><Plus aria-hidden /> New environment</Button>
      </DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void dialog.submit(e)} aria-label="New environment">
          <DialogHeader>
            <DialogTitle>New environment</DialogTitle>
            <DialogDescription>Adds it to the promotion chain of {project.name}; the environments after it move one place on.</DialogDescription>
          </DialogHeader>
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Key" error={errors.key?.message} hint="Used in URLs and pipelines, e.g. qa">
              <Input autoFocus autoComplete="off" {...register('key')} />
            </FormField>
            <FormField label="Display name" error={errors.display_name?.message}>
              <Input autoComplete="off" {...register('display_name')} />
            </FormField>
            <FormField label="Tier" error={errors.tier?.message}>
              <NativeSelect {...register('tier')}>
                {TIERS.map((t) => <option key={t} value={t}>{TIER_LABELS[t]}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Position" error={errors.position?.message} hint="Where it goes in the chain">
              <NativeSelect {...register('position', { valueAsNumber: true })}>
                {active.map((env, i) => <option key={env.id} value={i}>Before {env.display_name}</option>)}
                <option value={active.length}>At the end</option>
              </NativeSelect>
            </FormField>
            <FormField label="Required approvals" error={errors.required_approvals?.message}>
              <Input type="number" min={0} max={50} {...register('required_approvals', { valueAsNumber: true })} />
            </FormField>
            <FormField label="Deploy strategy" error={errors.deploy_strategy?.message}>
              <NativeSelect {...register('deploy_strategy')}>
                {STRATEGIES.map((s) => <option key={s} value={s}>{STRATEGY_LABELS[s]}</option>)}
              </NativeSelect>
            </FormField>
          </div>
          {dialog.refusal && <Alert tone="danger">{dialog.refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => dialog.change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>Create environment</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
