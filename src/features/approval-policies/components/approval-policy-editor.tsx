import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { policyInput, useSaveApprovalPolicy, type ApprovalPolicyData, type PolicyInput } from '../api/approval-policy.ts'
import { blankRule, versionToForm } from '../lib/policy-form.ts'
import { PolicyRuleFields } from './policy-rule-fields.tsx'

const SWITCHES = [
  ['forbid_starter', 'The run\'s starter cannot approve'],
  ['forbid_commit_author', 'The commit\'s author cannot approve'],
  ['require_ticket', 'Approvals need a change ticket id'],
  ['require_impact', 'Approvals need impact notes'],
] as const

/** Edits an approval policy; saving makes a new version (the database validates and numbers it). */
export function ApprovalPolicyEditor({ environmentId, data, onDone }: { environmentId: string; data: ApprovalPolicyData; onDone: () => void }) {
  const save = useSaveApprovalPolicy(environmentId)
  const current = data.versions[0] ?? null
  const [refusal, setRefusal] = useState<string | null>(null)
  const { register, control, handleSubmit, trigger, getValues, formState: { errors } } = useForm<PolicyInput>({
    resolver: zodResolver(policyInput), defaultValues: versionToForm(current),
  })
  const rules = useFieldArray({ control, name: 'rules' })
  const persist = async (values: PolicyInput) => {
    setRefusal(null)
    try {
      await save.mutateAsync(values)
      onDone()
    } catch (e) {
      setRefusal((e as Error).message)
    }
  }
  const submit = () => handleSubmit((values) => persist({ ...values, active: true }))()
  // Removing needs only a reason: half-edited rules, which the removal discards, must not block it.
  const remove = async () => {
    if (await trigger('reason')) await persist({ ...getValues(), active: false, rules: [] })
  }

  return (
    <form className="flex flex-col gap-3 text-sm" aria-label="Edit approval policy" onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-xs text-muted-foreground">Rules (all rules of a level must pass; levels pass in order)</legend>
        {rules.fields.map((field, i) => (
          <PolicyRuleFields key={field.id} index={i} control={control} register={register} errors={errors} data={data}
            onRemove={() => rules.remove(i)} removable={rules.fields.length > 1} />
        ))}
        <Button type="button" size="sm" variant="outline" className="self-start" onClick={() => rules.append(blankRule())}>Add rule</Button>
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
        {current?.active && <Button type="button" size="sm" variant="outline" disabled={save.isPending} onClick={() => void remove()}>Remove policy</Button>}
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  )
}
