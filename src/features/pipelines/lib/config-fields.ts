import { kindMeta, STRATEGY_LABELS } from './kind-meta.ts'
import { configSchemas, DEPLOY_STRATEGIES, EXECUTOR_TYPES, IAC_TOOLS, SEVERITIES, STEP_OUTCOMES, type NodeKind } from './shared.ts'

export interface FieldSpec {
  /** Path inside the node's config, dot-separated ("executor.duration_ms"). */
  path: string
  label: string
  input: 'text' | 'number' | 'select' | 'lines' | 'pairs' | 'environment'
  options?: readonly { value: string; label: string }[]
  hint?: string
  /** An empty value leaves the field out (the schema's default or "none" applies). */
  optional?: boolean
  /** Shown (and written) only while another field has this value, e.g. executor.type = github_workflow. */
  when?: { path: string; equals: string }
}

const options = <T extends string>(values: readonly T[], label: (v: T) => string = (v) => v) => values.map((value) => ({ value, label: label(value) }))

const EXECUTOR_LABELS = { simulated: 'Simulated', github_workflow: 'GitHub Actions workflow' } as const
const simulatedOnly = { path: 'executor.type', equals: 'simulated' }
const githubOnly = { path: 'executor.type', equals: 'github_workflow' }

const workFields: FieldSpec[] = [
  { path: 'executor.type', label: 'Executor', input: 'select', options: options(EXECUTOR_TYPES, (t) => EXECUTOR_LABELS[t]) },
  { path: 'executor.duration_ms', label: 'Duration (ms)', input: 'number', hint: 'How long the simulated step takes.', when: simulatedOnly },
  { path: 'executor.outcome', label: 'Outcome', input: 'select', options: options(STEP_OUTCOMES), when: simulatedOnly },
  { path: 'executor.log_lines', label: 'Log lines', input: 'lines', hint: 'One line per row; the simulated executor writes them.', when: simulatedOnly },
  { path: 'executor.repository', label: 'Repository', input: 'text', optional: true, hint: 'owner/name of a connected repository. Empty: the project\'s only one.', when: githubOnly },
  { path: 'executor.workflow', label: 'Workflow', input: 'text', optional: true, hint: 'build.yml, .github/workflows/build.yml or a workflow id. Empty: the integration\'s workflow file.', when: githubOnly },
  { path: 'executor.ref', label: 'Branch or tag', input: 'text', optional: true, hint: 'Empty: the run\'s branch, else the repository\'s default branch.', when: githubOnly },
  { path: 'executor.inputs', label: 'Inputs', input: 'pairs', hint: 'name=value, one per row. Opzenix adds opzenix_execution_id, opzenix_node_id and TRACEPARENT.', when: githubOnly },
  { path: 'executor.timeout_minutes', label: 'Timeout (minutes)', input: 'number', optional: true, hint: 'Fails the step when its workflow run has not finished by then. Empty: 60.', when: githubOnly },
]

/** A flow-type stage: its own settings, then the executor's. */
const stage = (...own: FieldSpec[]): FieldSpec[] => [...own, ...workFields]
const select = (path: string, label: string, values: readonly string[]): FieldSpec => ({ path, label, input: 'select', options: options(values) })
const text = (path: string, label: string, hint?: string, optional?: boolean): FieldSpec => ({ path, label, input: 'text', ...(hint ? { hint } : {}), ...(optional ? { optional } : {}) })
const number = (path: string, label: string, hint?: string): FieldSpec => ({ path, label, input: 'number', ...(hint ? { hint } : {}) })
const workspaceFields = [select('tool', 'Tool', IAC_TOOLS), text('workspace', 'Workspace')]

/** A new executor of `type`, as the schema fills it in. */
const freshExecutor = (type: string) => (type === 'github_workflow'
  ? { type, inputs: {} }
  : { type: 'simulated', duration_ms: 5000, outcome: 'success', log_lines: [] })

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
  data_validation: stage(text('dataset', 'Dataset'), number('max_null_ratio', 'Largest share of missing values', '0 to 1, e.g. 0.01')),
  train: stage(select('framework', 'Framework', ['pytorch', 'tensorflow', 'sklearn', 'xgboost']), text('dataset', 'Dataset', 'Empty: the validated dataset.', true)),
  evaluate: stage(text('metric', 'Metric', 'auc, f1, accuracy…'), number('min_score', 'Minimum score', '0 to 1')),
  register_model: stage(text('model_name', 'Model name'), select('stage', 'Registry stage', ['staging', 'production'])),
  deploy_model: stage(text('endpoint', 'Serving endpoint'), number('traffic_percent', 'Traffic (%)')),
  monitor_drift: stage(select('metric', 'Drift metric', ['psi', 'kl_divergence', 'ks']), number('threshold', 'Alert threshold')),
  eval_suite: stage(text('suite', 'Eval suite'), number('min_pass_rate', 'Minimum pass rate', '0 to 1')),
  guardrail_check: stage({ path: 'policies', label: 'Guardrail policies', input: 'lines', hint: 'One per row: pii, jailbreak, toxicity…' }),
  model_version_gate: stage(text('model', 'Model'), text('pinned_version', 'Pinned version', 'Empty: the version the eval suite ran against.', true)),
  canary: stage(number('traffic_percent', 'Canary traffic (%)')),
  plan: stage(...workspaceFields),
  policy_check: stage(select('engine', 'Policy engine', ['opa', 'sentinel', 'checkov']), text('policy_set', 'Policy set')),
  apply: stage(...workspaceFields),
  drift_check: stage(...workspaceFields),
  sast: stage(select('tool', 'Analyzer', ['semgrep', 'codeql', 'sonarqube'])),
  dependency_scan: stage(select('fail_on', 'Fail on severity', SEVERITIES)),
  secrets_scan: stage(select('tool', 'Scanner', ['gitleaks', 'trufflehog'])),
  sbom: stage(select('format', 'Format', ['cyclonedx', 'spdx'])),
  image_sign: stage(text('image', 'Image', 'Empty: the image the build produced.', true), select('signer', 'Signer', ['cosign', 'notation'])),
  image_scan: stage(text('image', 'Image', 'Empty: the image the build produced.', true), select('fail_on', 'Fail on severity', SEVERITIES)),
  security_gate: stage(select('max_severity', 'Highest severity allowed', SEVERITIES)),
} satisfies Record<NodeKind, FieldSpec[]>

export { isWorkKind } from './shared.ts'

/** Form field name for a config path (react-hook-form would nest dotted names). */
export const fieldName = (path: string) => path.replaceAll('.', '__')

export type FormValues = Record<string, string>

/** The fields to show and write for a config (or form values), given what `when` depends on. */
export function visibleFields(kind: NodeKind, read: (path: string) => unknown): FieldSpec[] {
  return (configFields[kind] as FieldSpec[]).filter((f) => {
    if (!f.when) return true
    const value = read(f.when.path)
    const field = (configFields[kind] as FieldSpec[]).find((x) => x.path === f.when!.path)
    return (value == null || value === '' ? field?.options?.[0]?.value : value) === f.when.equals
  })
}

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
    values[fieldName(field.path)] = field.input === 'pairs'
      ? Object.entries((shown ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join('\n')
      : Array.isArray(shown) ? shown.join('\n') : shown == null ? '' : String(shown)
  }
  return values
}

/** The form's fields back into a config, keeping what the form does not show (another executor's settings are dropped). */
export function fromFormValues(kind: NodeKind, values: FormValues, previous: Record<string, unknown>): Record<string, unknown> {
  const config = structuredClone(previous)
  // Switching executors starts from the new one's defaults instead of carrying the old one's settings.
  const type = values[fieldName('executor.type')]
  const executor = config.executor as { type?: string } | undefined
  if (type && executor && (executor.type ?? 'simulated') !== type) config.executor = freshExecutor(type)
  for (const field of visibleFields(kind, (path) => values[fieldName(path)])) {
    if (field.path === 'executor.type' && values[fieldName(field.path)] === undefined) continue // not on this form
    const raw = values[fieldName(field.path)] ?? ''
    const text = raw.trim()
    let value: unknown
    if (field.input === 'lines') value = raw.split('\n').map((l) => l.trim()).filter(Boolean)
    else if (field.input === 'pairs') value = Object.fromEntries(raw.split('\n').filter((l) => l.trim()).map((l) => {
      const at = l.indexOf('=')
      return at < 0 ? [l.trim(), ''] : [l.slice(0, at).trim(), l.slice(at + 1).trim()]
    }))
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
  const paths = (configFields[kind] as FieldSpec[]).map((f) => f.path).sort((a, b) => b.length - a.length)
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.')
    // An input's own issue (executor.inputs.TRACEPARENT) shows under the field that holds it.
    const name = fieldName(paths.find((p) => path === p || path.startsWith(`${p}.`)) ?? path)
    errors[name] ??= issue.message
  }
  return errors
}

export const kindLabel = (kind: string) => (kind in kindMeta ? kindMeta[kind as NodeKind].label : kind)
