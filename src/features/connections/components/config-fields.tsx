import type { FieldErrors, UseFormRegister } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Input } from '../../../components/ui/input.tsx'
import type { ConnectionFormValues } from '../lib/connection-form.ts'
import { typeMeta, type ConnectionType } from '../lib/connection-types.ts'

/** The config inputs of one connection type and, where the type takes one, the secret's name. */
export function ConfigFields({ type, register, errors }: {
  type: ConnectionType
  register: UseFormRegister<ConnectionFormValues>
  errors: FieldErrors<ConnectionFormValues>
}) {
  const meta = typeMeta[type]
  const configErrors = errors.config as Record<string, { message?: string } | undefined> | undefined
  return (
    <>
      {meta.fields.map((field) => (
        <FormField key={`${type}-${field.key}`} label={field.required ? field.label : `${field.label} (optional)`} hint={field.hint} error={configErrors?.[field.key]?.message}>
          <Input placeholder={field.placeholder} autoComplete="off" spellCheck={false} {...register(`config.${field.key}`)} />
        </FormField>
      ))}
      {meta.secret === 'none'
        ? <p className="text-xs text-muted-foreground">{meta.secretHint}</p>
        : (
          <FormField
            label={meta.secret === 'required' ? 'Secret name' : 'Secret name (optional)'}
            hint={`${meta.secretHint} Enter the secret's NAME (e.g. ${type === 'container_registry' ? 'GHCR_TOKEN' : 'AZURE_PROD_SECRET'}), never the credential: set the value with \`supabase secrets set NAME=…\`.`}
            error={errors.secret_ref?.message}
          >
            <Input placeholder={type === 'container_registry' ? 'GHCR_TOKEN' : 'AZURE_PROD_SECRET'} autoComplete="off" spellCheck={false} {...register('secret_ref')} />
          </FormField>
        )}
    </>
  )
}
