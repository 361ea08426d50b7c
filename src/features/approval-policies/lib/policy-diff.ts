// What changed between two versions of an approval policy: whether it is on, its switches and expiry, then its
// rules (matched by level and name, in level order), the way diffConfigs compares configuration versions.
import { groupLabel, intervalMinutes, type GroupNames, type StoredVersion } from './policy-form.ts'

export type PolicyChangeKind = 'added' | 'removed' | 'changed'

export interface PolicyChange {
  kind: PolicyChangeKind
  /** "Policy", "The run's starter cannot approve", "Level 2 · Security"… */
  subject: string
  before?: string
  after?: string
}

const SETTINGS = [
  ['forbid_starter', 'The run\'s starter cannot approve'],
  ['forbid_commit_author', 'The commit\'s author cannot approve'],
  ['require_ticket', 'Approvals need a change ticket id'],
  ['require_impact', 'Approvals need impact notes'],
] as const

const onOff = (on: boolean) => (on ? 'on' : 'off')
const expiry = (interval: string | null) => {
  const minutes = intervalMinutes(interval)
  return minutes === null ? 'never' : `${minutes} min`
}

/** Rules keyed "Level N · name" (a second rule of the same level and name gets " (2)"). */
function keyedRules(version: StoredVersion, names: GroupNames): Map<string, { level: number; text: string }> {
  const out = new Map<string, { level: number; text: string }>()
  const rules = version.active ? [...version.approval_policy_rules].sort((a, b) => a.level - b.level || a.position - b.position) : []
  for (const rule of rules) {
    const base = `Level ${rule.level} · ${rule.name}`
    let key = base
    for (let n = 2; out.has(key); n++) key = `${base} (${n})`
    out.set(key, { level: rule.level, text: `${rule.required} from ${groupLabel(rule, names)}` })
  }
  return out
}

export function diffPolicies(from: StoredVersion, to: StoredVersion, names: GroupNames): PolicyChange[] {
  const changes: PolicyChange[] = []
  if (from.active !== to.active) changes.push({ kind: 'changed', subject: 'Policy', before: onOff(from.active), after: onOff(to.active) })
  if (from.active && to.active) {
    for (const [field, subject] of SETTINGS) {
      if (from[field] !== to[field]) changes.push({ kind: 'changed', subject, before: onOff(from[field]), after: onOff(to[field]) })
    }
    if (expiry(from.expires_after) !== expiry(to.expires_after)) {
      changes.push({ kind: 'changed', subject: 'Requests expire after', before: expiry(from.expires_after), after: expiry(to.expires_after) })
    }
  }
  const a = keyedRules(from, names)
  const b = keyedRules(to, names)
  const keys = [...new Set([...a.keys(), ...b.keys()])]
    .sort((x, y) => (a.get(x) ?? b.get(x))!.level - (a.get(y) ?? b.get(y))!.level || x.localeCompare(y))
  for (const subject of keys) {
    const before = a.get(subject)?.text
    const after = b.get(subject)?.text
    if (before === undefined) changes.push({ kind: 'added', subject, after })
    else if (after === undefined) changes.push({ kind: 'removed', subject, before })
    else if (before !== after) changes.push({ kind: 'changed', subject, before, after })
  }
  return changes
}

/** One line per change: `+ Level 2 · Security: 1 from team Security`, `~ Requests expire after: never → 60 min`. */
export function describePolicyChange(change: PolicyChange): string {
  if (change.kind === 'changed') return `~ ${change.subject}: ${change.before} → ${change.after}`
  return `${change.kind === 'added' ? '+' : '-'} ${change.subject}: ${change.kind === 'added' ? change.after : change.before}`
}
