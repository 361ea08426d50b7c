// The configuration editor's rows: each variable as name, text and type (so 2 stays a number and "2" a string),
// each secret reference as name, provider and key. Converted to and from what a version stores.
import { SECRET_PROVIDERS, type SecretProvider, type SecretRef, type Variables, type VariableValue } from './shared.ts'

export type ValueType = 'string' | 'number' | 'boolean'
export interface VariableRow { name: string; value: string; type: ValueType }
export interface SecretRow { name: string; provider: SecretProvider; key: string }

export function variablesToRows(variables: Variables): VariableRow[] {
  return Object.keys(variables).sort().map((name) => {
    const value = variables[name]
    return { name, value: String(value), type: typeof value as ValueType }
  })
}

/** The row's value in its type, or an error sentence (a number that is not one, a boolean that is not true/false). */
export function rowValue(row: VariableRow): { ok: true; value: VariableValue } | { ok: false; error: string } {
  if (row.type === 'string') return { ok: true, value: row.value }
  if (row.type === 'boolean') {
    if (row.value === 'true' || row.value === 'false') return { ok: true, value: row.value === 'true' }
    return { ok: false, error: `${row.name || 'This variable'} is true or false` }
  }
  const n = Number(row.value)
  if (row.value.trim() === '' || !Number.isFinite(n)) return { ok: false, error: `${row.name || 'This variable'} must be a number` }
  return { ok: true, value: n }
}

/** The variables object of the rows (empty names are skipped: an unfinished row), or the first problem. */
export function rowsToVariables(rows: VariableRow[]): { ok: true; variables: Variables } | { ok: false; error: string } {
  const variables: Variables = {}
  for (const row of rows) {
    const name = row.name.trim()
    if (!name) continue
    if (Object.hasOwn(variables, name)) return { ok: false, error: `${name} appears twice` }
    const value = rowValue(row)
    if (!value.ok) return value
    variables[name] = value.value
  }
  return { ok: true, variables }
}

export function rowsToSecrets(rows: SecretRow[]): SecretRef[] {
  return rows.filter((r) => r.name.trim()).map((r) => ({ name: r.name.trim(), provider: r.provider, key: r.key.trim() }))
}

export const PROVIDER_LABELS = {
  supabase_vault: 'Supabase Vault',
  edge_function_secret: 'Edge function secret',
  azure_key_vault: 'Azure Key Vault',
  aws_secrets_manager: 'AWS Secrets Manager',
  github_actions: 'GitHub Actions secret',
} as const satisfies Record<SecretProvider, string>

export const PROVIDERS = SECRET_PROVIDERS
