import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect } from '../../../components/ui/input.tsx'
import { policyInput, useSaveApprovalPolicy, type ApprovalPolicyData, type PolicyInput } from '../api/approval-policy.ts'

function defaults(data: ApprovalPolicyData): PolicyInput {
  const v = data.version
  const minutes = v?.expires_after ? /^(\d+):(\d+)/.exec(v.expires_after) : null
  return {
    active: true,
    forbid_starter: v?.forbid_starter ?? true,
    forbid_commit_author: v?.forbid_commit_author ?? true,
    require_ticket: v?.require_ticket ?? false,
    require_impact: v?.require_impact ?? false,
    expires_after_minutes: minutes ? Number(minutes[1]) * 60 + Number(minutes[2]) : null,
    rules: v?.active && v.approval_policy_rules.length > 0
      ? [...v.approval_policy_rules].sort((a, b) => a.position - b.position).filter((r) => r.role || r.team_id).map((r) => ({
        level: r.level, name: r.name, required: r.required, group: r.role ? `role:${r.role}` : `team:${r.team_id}`,
      }))
      : [{ level: 1, name: '', required: 1, group: 'role:admin' }],
    reason: '',
  }
}

const SWITCHES = [
  ['forbid_starter', 'The run\'s starter cannot approve'],
  ['forbid_commit_author', 'The commit\'s author cannot approve'],
  ['require_ticket', 'Approvals need a change ticket id'],
  ['require_impact', 'Approvals need impact notes'],
] as const

/** Edits an approval policy; saving makes a new version (the database validates and numbers it). */
export function ApprovalPolicyEditor({ environmentId, data, onDone }: { environmentId: string; data: ApprovalPolicyData; onDone: () => void }) {
  const save = useSaveApprovalPolicy(environmentId)
  const [refusal, setRefusal] = useState<string | null>(null)
  const { register, control, handleSubmit, formState: { errors } } = useForm<PolicyInput>({ resolver: zodResolver(policyInput), defaultValues: defaults(data) })
  const rules = useFieldArray({ control, name: 'rules' })
  const submit = (active: boolean) => handleSubmit(async (values) => {
    setRefusal(null)
    try {
      await save.mutateAsync({ ...values, active, rules: active ? values.rules : [] })
      onDone()
    } catch (e) {
      setRefusal((e as Error).message)
    }
  })()

  return (
    <form className="flex flex-col gap-3 text-sm" aria-label="Edit approval policy" onSubmit={(e) => { e.preventDefault(); void submit(true) }}>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-xs text-muted-foreground">Rules (all rules of a level must pass; levels pass in order)</legend>
        {rules.fields.map((field, i) => (
          <div key={field.id} className="flex flex-wrap items-end gap-2" data-testid="policy-rule">
            <FormField label="Level"><Input type="number" min={1} max={5} className="w-16" {...register(`rules.${i}.level`, { valueAsNumber: true })} /></FormField>
            <FormField label="Approvals"><Input type="number" min={1} max={20} className="w-20" {...register(`rules.${i}.required`, { valueAsNumber: true })} /></FormField>
            <FormField label="From">
              <NativeSelect {...register(`rules.${i}.group`)}>
                <option value="role:admin">Admins</option>
                <option value="role:operator">Operators or admins</option>
                <option value="role:viewer">Any member</option>
                {data.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>Team {t.name}</option>)}
              </NativeSelect>
            </FormField>
            <FormField label="Name"><Input placeholder="e.g. Security" {...register(`rules.${i}.name`)} /></FormField>
            <Button type="button" size="sm" variant="outline" onClick={() => rules.remove(i)} disabled={rules.fields.length === 1}>Remove</Button>
          </div>
        ))}
        <Button type="button" size="sm" variant="outline" className="self-start" onClick={() => rules.append({ level: 1, name: '', required: 1, group: 'role:admin' })}>Add rule</Button>
      </fieldset>
      <div className="flex flex-col gap-1">
        {SWITCHES.map(([name, label]) => (
          <label key={name} className="flex items-center gap-2 text-xs"><input type="checkbox" {...register(name)} /> {label}</label>
        ))}
      </div>
      <FormField label="Expires after (minutes)" hint="Empty: requests never expire." error={errors.expires_after_minutes?.message}>
        <Input type="number" min={1} {...register('expires_after_minutes', { setValueAs: (v) => (v === '' || v === null || Number.isNaN(Number(v)) ? null : Number(v)) })} />
      </FormField>
      <FormField label="Why this change" error={errors.reason?.message}>
        <Input placeholder="Recorded with the new version" {...register('reason')} />
      </FormField>
      {refusal && <Alert tone="danger" role="alert">{refusal}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={save.isPending}>Save as new version</Button>
        {data.version?.active && <Button type="button" size="sm" variant="outline" disabled={save.isPending} onClick={() => void submit(false)}>Remove policy</Button>}
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  )
}
