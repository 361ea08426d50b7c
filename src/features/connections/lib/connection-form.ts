import { z } from 'zod'
import { CONNECTION_TYPES, configSchemas, isKnownType, secretRefSchema, typeMeta, type ConnectionType } from './connection-types.ts'

/** The dialog's values: flat strings, so every input is a plain text field. */
export interface ConnectionFormValues {
  type: ConnectionType
  name: string
  secret_ref: string
  config: Record<string, string>
}

export const connectionFormSchema = z.object({
  type: z.enum(CONNECTION_TYPES),
  name: z.string().trim().min(1, 'Give the connection a name').max(100, 'At most 100 characters'),
  secret_ref: z.string(),
  config: z.record(z.string(), z.string()),
}).superRefine((values, ctx) => {
  const meta = typeMeta[values.type]
  const known = Object.fromEntries(meta.fields.map((f) => [f.key, values.config[f.key] ?? '']))
  const config = configSchemas[values.type].safeParse(known)
  if (!config.success) {
    for (const issue of config.error.issues) {
      const value = known[String(issue.path[0])]
      ctx.addIssue({ code: 'custom', path: ['config', ...issue.path.map(String)], message: value?.trim() ? issue.message : 'Required' })
    }
  }
  const secret = values.secret_ref.trim()
  if (meta.secret === 'required' && !secret) {
    ctx.addIssue({ code: 'custom', path: ['secret_ref'], message: 'Name the function secret that holds the credential' })
  } else if (meta.secret !== 'none' && secret) {
    const parsed = secretRefSchema.safeParse(secret)
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['secret_ref'], message: parsed.error.issues[0]!.message })
  }
})

export interface ConnectionRowLike {
  type: string
  name: string
  secret_ref: string | null
  config: unknown
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {}

export function emptyForm(type: ConnectionType = 'otel'): ConnectionFormValues {
  return { type, name: '', secret_ref: '', config: {} }
}

/** An existing row as form values (string config values only; others stay untouched on save). */
export function formFromRow(row: ConnectionRowLike): ConnectionFormValues {
  const config = Object.fromEntries(Object.entries(asRecord(row.config)).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  return { type: isKnownType(row.type) ? row.type : 'otel', name: row.name, secret_ref: row.secret_ref ?? '', config }
}

/**
 * The row to write. Keys this type's form shows are set from the form (emptied ones removed); any other keys
 * already in the stored config (options set elsewhere) are kept. A type without a secret stores none.
 */
export function rowFromForm(values: ConnectionFormValues, previousConfig: unknown = {}) {
  const meta = typeMeta[values.type]
  const config: Record<string, unknown> = { ...asRecord(previousConfig) }
  for (const field of meta.fields) {
    const value = (values.config[field.key] ?? '').trim()
    if (value) config[field.key] = value
    else delete config[field.key]
  }
  const secret = values.secret_ref.trim()
  return { type: values.type, name: values.name.trim(), secret_ref: meta.secret === 'none' || !secret ? null : secret, config }
}
