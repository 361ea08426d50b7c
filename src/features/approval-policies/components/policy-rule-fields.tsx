import { Controller, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import type { ApprovalPolicyData, PolicyInput } from '../api/approval-policy.ts'
import { PEOPLE } from '../lib/policy-form.ts'
import { PeoplePicker } from './people-picker.tsx'

/** One rule of the editor: level, how many approvals, from which group (a role, a team or named people), its name. */
export function PolicyRuleFields({ index, control, register, errors, data, onRemove, removable }: {
  index: number
  control: Control<PolicyInput>
  register: UseFormRegister<PolicyInput>
  errors: FieldErrors<PolicyInput>
  data: Pick<ApprovalPolicyData, 'teams' | 'members'>
  onRemove: () => void
  removable: boolean
}) {
  const group = useWatch({ control, name: `rules.${index}.group` })
  const ruleErrors = errors.rules?.[index]
  const n = index + 1
  return (
    <div className="flex flex-col gap-2 rounded-md border p-2" data-testid="policy-rule" aria-label={`Rule ${n}`} role="group">
      <div className="flex flex-wrap items-end gap-2">
        <FormField label="Level"><Input type="number" min={1} max={5} className="w-16" {...register(`rules.${index}.level`, { valueAsNumber: true })} /></FormField>
        <FormField label="Approvals" error={ruleErrors?.required?.message}>
          <Input type="number" min={1} max={20} className="w-20" {...register(`rules.${index}.required`, { valueAsNumber: true })} />
        </FormField>
        <FormField label="From">
          <NativeSelect {...register(`rules.${index}.group`)}>
            <option value="role:admin">Admins</option>
            <option value="role:operator">Operators or admins</option>
            <option value="role:viewer">Any member</option>
            {data.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>Team {t.name}</option>)}
            <option value={PEOPLE}>Named people…</option>
          </NativeSelect>
        </FormField>
        <FormField label="Name"><Input placeholder="e.g. Security" {...register(`rules.${index}.name`)} /></FormField>
        <Button type="button" size="sm" variant="outline" onClick={onRemove} disabled={!removable}>Remove</Button>
      </div>
      {group === PEOPLE && (
        <Controller
          control={control}
          name={`rules.${index}.user_ids`}
          render={({ field }) => (
            <PeoplePicker label={`People who count for rule ${n}`} members={data.members} value={field.value}
              onChange={field.onChange} error={ruleErrors?.user_ids?.message ?? ruleErrors?.user_ids?.root?.message} />
          )}
        />
      )}
    </div>
  )
}
