import { kindMeta, STRATEGY_LABELS } from './kind-meta.ts'
import { configSchemas, DEPLOY_STRATEGIES, STEP_OUTCOMES, WORK_KINDS, type NodeKind } from './shared.ts'

export interface FieldSpec {
  /** Path inside the node's config, dot-separated ("executor.duration_ms"). */
  path: string
  label: string
  input: 'text' | 'number' | 'select' | 'lines' | 'environment'
  options?: readonly { value: string; label: string }[]
  hint?: string
  /** An empty value leaves the field out (the schema's default or "none" applies). */
  optional?: boolean
}

const options = <T extends string>(values: readonly T[], label: (v: T) => string = (v) => v) => values.map((value) => ({ value, label: label(value) }))

const workFields: FieldSpec[] = [
  { path: 'executor.duration_ms', label: 'Duration (ms)', input: 'number', hint: 'How long the simulated step takes.' },
  { path: 'executor.outcome', label: 'Outcome', input: 'select', options: options(STEP_OUTCOMES) },
  { path: 'executor.log_lines', label: 'Log lines', input: 'lines', hint: 'One line per row; the simulated executor writes them.' },
]

/** The side panel's fields per kind (the zod schema in kinds.ts is what validates them). */
export const configFields = {
  source: [
    { path: 'repository', label: 'Repository', input: 'text', hint: 'owner/name' },
    { path: 'branch', label: 'Branch', input: 'text' },
    { path: 'version', label: 'Version', input: 'text', optional: true, hint: 'Leave empty to name the version at run time.' },
  ],
  build: workFields,
  test: workFields,
  security_scan: workFields,
  approval: [
    { path: 'environment', label: 'Environment', input: 'environment', optional: true, hint: 'Empty: gates whatever follows.' },
    { path: 'required_approvals', label: 'Required approvals', input: 'number' },
    { path: 'timeout_minutes', label: 'Timeout (minutes)', input: 'number', optional: true },
  ],
  deploy: [
    { path: 'environment', label: 'Environment', input: 'environment' },
    { path: 'strategy', label: 'Strategy', input: 'select', options: options(DEPLOY_STRATEGIES, (s) => STRATEGY_LABELS[s]) },
    { path: 'duration_ms', label: 'Duration (ms)', input: 'number' },
    { path: 'version', label: 'Version', input: 'text', optional: true, hint: 'Empty: the version the run was started with.' },
  ],
  checkpoint: [{ path: 'label', label: 'Checkpoint label', input: 'text', optional: true }],
  rollback: [
    { path: 'environment', label: 'Environment', input: 'environment' },
    { path: 'to_version', label: 'Roll back to version', input: 'text', optional: true, hint: 'Empty: the previous version.' },
  ],
  parallel_group: [],
  notify: [
    { path: 'channel', label: 'Channel', input: 'select', options: options(['in_app', 'email', 'webhook'] as const) },
    { path: 'message', label: 'Message', input: 'text' },
  ],
  wait: [{ path: 'duration_ms', label: 'Wait (ms)', input: 'number' }],
} satisfies Record<NodeKind, FieldSpec[]>

export const isWorkKind = (kind: string) => (WORK_KINDS as readonly string[]).includes(kind)

/** Form field name for a config path (react-hook-form would nest dotted names). */
export const fieldName = (path: string) => path.replaceAll('.', '__')

export type FormValues = Record<string, string>

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), obj)
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.')
  let target = obj
  for (const key of keys.slice(0, -1)) {
    if (!target[key] || typeof target[key] !== 'object') target[key] = {}
    target = target[key] as Record<string, unknown>
  }
  const last = keys.at(-1)!
  if (value === undefined) delete target[last]
  else target[last] = value
}

/** A node's name and config as the form's string fields. */
export function toFormValues(kind: NodeKind, label: string, config: Record<string, unknown>): FormValues {
  const values: FormValues = { label }
  for (const field of configFields[kind] as FieldSpec[]) {
    const value = getPath(config, field.path)
    // A select left unset shows its first option, which is the schema's default for every select here.
    const shown = value == null && field.input === 'select' ? field.options![0]!.value : value
    values[fieldName(field.path)] = Array.isArray(shown) ? shown.join('\n') : shown == null ? '' : String(shown)
  }
  return values
}

/** The form's fields back into a config, keeping what the form does not show (e.g. executor.type). */
export function fromFormValues(kind: NodeKind, values: FormValues, previous: Record<string, unknown>): Record<string, unknown> {
  const config = structuredClone(previous)
  for (const field of configFields[kind] as FieldSpec[]) {
    const raw = values[fieldName(field.path)] ?? ''
    const text = raw.trim()
    let value: unknown
    if (field.input === 'lines') value = raw.split('\n').map((l) => l.trim()).filter(Boolean)
    else if (text === '') value = field.optional || field.input === 'number' ? undefined : ''
    else if (field.input === 'number') value = Number.isFinite(Number(text)) ? Number(text) : text
    else value = text
    setPath(config, field.path, value)
  }
  return config
}

/** Checks a config against its kind's zod schema; messages keyed by form field name. */
export function configErrors(kind: NodeKind, config: Record<string, unknown>): Record<string, string> {
  const parsed = configSchemas[kind].safeParse(config)
  if (parsed.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const name = fieldName(issue.path.join('.'))
    errors[name] ??= issue.message
  }
  return errors
}

export const kindLabel = (kind: string) => (kind in kindMeta ? kindMeta[kind as NodeKind].label : kind)
