import { Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Input, NativeSelect, Textarea } from '../../../components/ui/input.tsx'
import type { ConfigVersion } from '../api/get-config.ts'
import { useSaveConfig } from '../api/save-config.ts'
import { PROVIDER_LABELS, PROVIDERS, rowsToSecrets, rowsToVariables, rowValue, variablesToRows, type SecretRow, type VariableRow } from '../lib/config-rows.ts'
import { secretReferenceRefusal, variableRefusal } from '../lib/shared.ts'

interface EditorValues { variables: VariableRow[]; secrets: SecretRow[]; reason: string }

/** What the database would refuse about one row, said while typing (it refuses the same on save). */
function rowWarning(row: VariableRow): string | null {
  if (!row.name.trim()) return null
  const value = rowValue(row)
  return value.ok ? variableRefusal(row.name.trim(), value.value) : value.error
}

/** Edits variables and secret references; saving makes a new version, with a reason. */
export function ConfigEditor({ environmentId, current, onDone }: { environmentId: string; current: ConfigVersion | null; onDone: () => void }) {
  const { save } = useSaveConfig(environmentId)
  const [refusal, setRefusal] = useState<string | null>(null)
  const form = useForm<EditorValues>({
    defaultValues: {
      variables: variablesToRows(current?.variables ?? {}),
      secrets: (current?.secrets ?? []).map((s) => ({ ...s })),
      reason: '',
    },
  })
  const variables = useFieldArray({ control: form.control, name: 'variables' })
  const secrets = useFieldArray({ control: form.control, name: 'secrets' })
  const rows = form.watch('variables')
  const refs = form.watch('secrets')
  const submit = form.handleSubmit(async (values) => {
    setRefusal(null)
    const built = rowsToVariables(values.variables)
    if (!built.ok) return setRefusal(built.error)
    if (values.reason.trim().length < 5) return setRefusal('Say why in at least 5 characters')
    try {
      await save.mutateAsync({ variables: built.variables, secrets: rowsToSecrets(values.secrets), reason: values.reason.trim(), baseVersion: current?.version ?? 0 })
      onDone()
    } catch (e) {
      setRefusal((e as Error).message)
    }
  })
  return (
    <form className="flex flex-col gap-4 rounded-md border p-4" onSubmit={(e) => void submit(e)} aria-label="Configuration editor">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Variables</legend>
        {variables.fields.map((field, i) => {
          const warning = rowWarning(rows[i] ?? field)
          return (
            <div key={field.id} className="flex flex-col gap-1" data-testid="variable-row">
              <div className="flex gap-2">
                <Input aria-label={`Variable ${i + 1} name`} placeholder="NAME" className="font-mono" {...form.register(`variables.${i}.name`)} />
                <Input aria-label={`Variable ${i + 1} value`} placeholder="value" className="font-mono" aria-invalid={warning ? true : undefined} {...form.register(`variables.${i}.value`)} />
                <NativeSelect aria-label={`Variable ${i + 1} type`} className="w-32" {...form.register(`variables.${i}.type`)}>
                  <option value="string">Text</option><option value="number">Number</option><option value="boolean">true/false</option>
                </NativeSelect>
                <Button type="button" size="icon" variant="ghost" aria-label={`Remove variable ${i + 1}`} onClick={() => variables.remove(i)}><Trash2 aria-hidden /></Button>
              </div>
              {warning && <p className="text-xs text-destructive">{warning}</p>}
            </div>
          )
        })}
        <Button type="button" size="sm" variant="outline" className="self-start" onClick={() => variables.append({ name: '', value: '', type: 'string' })}>
          <Plus aria-hidden /> Add variable
        </Button>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Secret references</legend>
        <p className="text-xs text-muted-foreground">Name the provider and where it keeps the secret (a function secret, a Vault path, a Key Vault name). Never the value.</p>
        {secrets.fields.map((field, i) => {
          const ref = refs[i] ?? field
          const warning = ref.name.trim() ? secretReferenceRefusal(ref.name.trim(), ref.provider, ref.key) : null
          return (
            <div key={field.id} className="flex flex-col gap-1" data-testid="secret-row">
              <div className="flex gap-2">
                <Input aria-label={`Secret ${i + 1} name`} placeholder="NAME" className="font-mono" {...form.register(`secrets.${i}.name`)} />
                <NativeSelect aria-label={`Secret ${i + 1} provider`} className="w-56" {...form.register(`secrets.${i}.provider`)}>
                  {PROVIDERS.map((p) => <option key={p} value={p}>{PROVIDER_LABELS[p]}</option>)}
                </NativeSelect>
                <Input aria-label={`Secret ${i + 1} key`} placeholder="path/or-name" className="font-mono" {...form.register(`secrets.${i}.key`)} />
                <Button type="button" size="icon" variant="ghost" aria-label={`Remove secret ${i + 1}`} onClick={() => secrets.remove(i)}><Trash2 aria-hidden /></Button>
              </div>
              {warning && <p className="text-xs text-destructive">{warning}</p>}
            </div>
          )
        })}
        <Button type="button" size="sm" variant="outline" className="self-start" onClick={() => secrets.append({ name: '', provider: 'supabase_vault', key: '' })}>
          <Plus aria-hidden /> Add secret reference
        </Button>
      </fieldset>
      <FormField label="Reason" hint="Why this change; recorded with the version and in the audit trail.">
        <Textarea rows={2} {...form.register('reason')} />
      </FormField>
      {refusal && <Alert tone="danger" data-testid="config-save-refusal">{refusal}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>Save as version {(current?.version ?? 0) + 1}</Button>
        <Button type="button" variant="outline" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  )
}
