// The difference between two versions of an environment's configuration: which variables and secret references
// were added, removed or changed, in name order. Secret references compare by provider and key (there is no value).
import type { SecretRef, VariableValue } from './secrets.ts'

export interface ConfigSnapshot {
  variables: Record<string, VariableValue>
  secrets: SecretRef[]
}

export type ChangeKind = 'added' | 'removed' | 'changed'

export type ConfigChange =
  | { kind: ChangeKind; section: 'variables'; name: string; before?: VariableValue; after?: VariableValue }
  | { kind: ChangeKind; section: 'secrets'; name: string; before?: Omit<SecretRef, 'name'>; after?: Omit<SecretRef, 'name'> }

const sameValue = (a: VariableValue, b: VariableValue) => typeof a === typeof b && a === b

/** Changes that turn `from` into `to`: variables first, then secret references, each by name. */
export function diffConfigs(from: ConfigSnapshot, to: ConfigSnapshot): ConfigChange[] {
  const changes: ConfigChange[] = []
  const names = [...new Set([...Object.keys(from.variables), ...Object.keys(to.variables)])].sort()
  for (const name of names) {
    const had = Object.hasOwn(from.variables, name)
    const has = Object.hasOwn(to.variables, name)
    const before = from.variables[name]
    const after = to.variables[name]
    if (had && !has) changes.push({ kind: 'removed', section: 'variables', name, before })
    else if (!had && has) changes.push({ kind: 'added', section: 'variables', name, after })
    else if (!sameValue(before, after)) changes.push({ kind: 'changed', section: 'variables', name, before, after })
  }
  const index = (refs: SecretRef[]) => new Map(refs.map((r) => [r.name, { provider: r.provider, key: r.key }]))
  const a = index(from.secrets)
  const b = index(to.secrets)
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const before = a.get(name)
    const after = b.get(name)
    if (before && !after) changes.push({ kind: 'removed', section: 'secrets', name, before })
    else if (!before && after) changes.push({ kind: 'added', section: 'secrets', name, after })
    else if (before && after && (before.provider !== after.provider || before.key !== after.key)) {
      changes.push({ kind: 'changed', section: 'secrets', name, before, after })
    }
  }
  return changes
}

/** One line per change, e.g. `~ LOG_LEVEL: "debug" → "info"`, `+ secret DATABASE_URL (supabase_vault: app/db)`. */
export function describeChange(change: ConfigChange): string {
  const mark = change.kind === 'added' ? '+' : change.kind === 'removed' ? '-' : '~'
  if (change.section === 'variables') {
    const show = (v: VariableValue | undefined) => JSON.stringify(v)
    if (change.kind === 'changed') return `${mark} ${change.name}: ${show(change.before)} → ${show(change.after)}`
    return `${mark} ${change.name} = ${show(change.kind === 'added' ? change.after : change.before)}`
  }
  const show = (r: Omit<SecretRef, 'name'> | undefined) => (r ? `${r.provider}: ${r.key}` : '')
  if (change.kind === 'changed') return `${mark} secret ${change.name}: ${show(change.before)} → ${show(change.after)}`
  return `${mark} secret ${change.name} (${show(change.kind === 'added' ? change.after : change.before)})`
}
