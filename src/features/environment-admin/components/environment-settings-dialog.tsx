import { zodResolver } from '@hookform/resolvers/zod'
import { Settings2 } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../components/ui/dialog.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { useFormDialog } from '../../../lib/use-form-dialog.ts'
import { settingsSchema, STRATEGIES, useSaveSettings, type SettingsInput } from '../api/change-chain.ts'
import type { ChainEnvironment } from '../api/get-chain.ts'
import { STRATEGY_LABELS } from '../lib/labels.ts'

/** Name, protection (approvals, strategy), whether operators may change the configuration, and skipped stages. */
export function EnvironmentSettingsDialog({ env, disabled, disabledReason }: { env: ChainEnvironment; disabled: boolean; disabledReason: string }) {
  const save = useSaveSettings(env.id)
  const form = useForm<SettingsInput>({ resolver: zodResolver(settingsSchema) })
  const unprotected = env.tier === 'development' || env.tier === 'testing'
  const initial = () => ({
    display_name: env.display_name, required_approvals: env.required_approvals, deploy_strategy: env.deploy_strategy,
    operators_edit_config: env.operators_edit_config === null ? 'tier' as const : env.operators_edit_config ? 'on' as const : 'off' as const,
    allow_skip_promotion: env.allow_skip_promotion,
  })
  const dialog = useFormDialog(form, initial, (values) => save.mutateAsync(values))
  const { register, formState: { errors, isSubmitting } } = form
  const trigger = <Button size="sm" variant="outline" disabled={disabled} title={disabled ? disabledReason : undefined}><Settings2 aria-hidden /> Edit</Button>
  if (disabled) return trigger
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.change}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void dialog.submit(e)} aria-label={`Edit ${env.display_name}`}>
          <DialogHeader>
            <DialogTitle>Edit {env.display_name}</DialogTitle>
            <DialogDescription>The key ({env.key}) and tier stay: pipelines and history name them.</DialogDescription>
          </DialogHeader>
          <FormField label="Display name" error={errors.display_name?.message}>
            <Input {...register('display_name')} />
          </FormField>
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Required approvals" error={errors.required_approvals?.message}>
              <Input type="number" min={0} max={50} {...register('required_approvals', { valueAsNumber: true })} />
            </FormField>
            <FormField label="Deploy strategy" error={errors.deploy_strategy?.message}>
              <NativeSelect {...register('deploy_strategy')}>
                {STRATEGIES.map((s) => <option key={s} value={s}>{STRATEGY_LABELS[s]}</option>)}
              </NativeSelect>
            </FormField>
          </div>
          <FormField label="Who edits configuration" hint={unprotected ? 'Operators may edit development and testing environments unless you turn it off.' : 'Only admins edit configuration above the testing tier.'}>
            <NativeSelect {...register('operators_edit_config')}>
              <option value="tier">{unprotected ? 'Operators and admins (the tier\'s default)' : 'Admins only (the tier\'s default)'}</option>
              <option value="off">Admins only</option>
              {unprotected && <option value="on">Operators and admins</option>}
            </NativeSelect>
          </FormField>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 size-4" {...register('allow_skip_promotion')} />
            <span>
              Allow promotion from further back
              <span className="block text-xs text-muted-foreground">Versions may come to {env.key} from any earlier stage, not only the one just before it.</span>
            </span>
          </label>
          {dialog.refusal && <Alert tone="danger">{dialog.refusal}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => dialog.change(false)}>Cancel</Button>
            <Button type="submit" disabled={isSubmitting}>Save</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
