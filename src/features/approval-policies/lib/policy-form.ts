// The policy editor's form and what save_approval_policy takes and approval_policy_rules stores, converted both
// ways. A rule's group is one of three kinds; the form keeps the role or team as one select value ("role:admin",
// "team:<id>") and named people as "people" plus their ids, so no kind is lost between load and save.
import type { Enums, Tables } from '../../../integrations/supabase/types.ts'

type Role = Enums<'app_role'>
const ROLES = ['admin', 'operator', 'viewer'] as const satisfies readonly Role[]

export type StoredRule = Pick<Tables<'approval_policy_rules'>, 'level' | 'position' | 'name' | 'required' | 'role' | 'team_id' | 'user_ids'>
export type StoredVersion = Pick<Tables<'approval_policy_versions'>,
  'active' | 'forbid_starter' | 'forbid_commit_author' | 'require_ticket' | 'require_impact' | 'expires_after'> & {
  approval_policy_rules: StoredRule[]
}

export const PEOPLE = 'people'

export interface RuleForm {
  level: number
  name: string
  required: number
  /** "role:<role>", "team:<id>" or "people" (then `user_ids` says who). */
  group: string
  user_ids: string[]
}

/** One rule as save_approval_policy takes it: exactly one of role, team_id, user_ids. */
export type RuleInput = { level: number; name: string; required: number } & (
  { role: Role } | { team_id: string } | { user_ids: string[] }
)

export interface PolicyForm {
  active: boolean
  forbid_starter: boolean
  forbid_commit_author: boolean
  require_ticket: boolean
  require_impact: boolean
  expires_after_minutes: number | null
  rules: RuleForm[]
  reason: string
}

export const blankRule = (level = 1): RuleForm => ({ level, name: '', required: 1, group: 'role:admin', user_ids: [] })

export function ruleToForm(rule: StoredRule): RuleForm {
  const base = { level: rule.level, name: rule.name, required: rule.required }
  if (rule.role) return { ...base, group: `role:${rule.role}`, user_ids: [] }
  if (rule.team_id) return { ...base, group: `team:${rule.team_id}`, user_ids: [] }
  return { ...base, group: PEOPLE, user_ids: [...(rule.user_ids ?? [])] }
}

export function formToRule(form: RuleForm): RuleInput {
  const base = { level: form.level, name: form.name.trim(), required: form.required }
  if (form.group === PEOPLE) return { ...base, user_ids: [...new Set(form.user_ids)] }
  const [kind, value] = splitGroup(form.group)
  if (kind === 'role' && (ROLES as readonly string[]).includes(value)) return { ...base, role: value as Role }
  if (kind === 'team' && value) return { ...base, team_id: value }
  throw new Error(`Unknown group "${form.group}"`)
}

function splitGroup(group: string): [string, string] {
  const at = group.indexOf(':')
  return at < 0 ? [group, ''] : [group.slice(0, at), group.slice(at + 1)]
}

/** Minutes of a Postgres interval as PostgREST prints it ("24:00:00", "1 day 02:30:00"), or null. */
export function intervalMinutes(interval: string | null | undefined): number | null {
  if (!interval) return null
  const days = /(\d+) days?/.exec(interval)
  const clock = /(\d+):(\d+)(?::\d+)?/.exec(interval)
  const minutes = Number(days?.[1] ?? 0) * 1440 + (clock ? Number(clock[1]) * 60 + Number(clock[2]) : 0)
  return minutes > 0 ? minutes : null
}

/** The form for editing `version` (null: no policy yet, one rule of one admin to start from). */
export function versionToForm(version: StoredVersion | null): PolicyForm {
  const rules = version?.active ? [...version.approval_policy_rules].sort((a, b) => a.position - b.position).map(ruleToForm) : []
  return {
    active: true,
    forbid_starter: version?.forbid_starter ?? true,
    forbid_commit_author: version?.forbid_commit_author ?? true,
    require_ticket: version?.require_ticket ?? false,
    require_impact: version?.require_impact ?? false,
    expires_after_minutes: intervalMinutes(version?.expires_after),
    rules: rules.length > 0 ? rules : [blankRule()],
    reason: '',
  }
}

/** Names to show for teams and people (ids the caller cannot resolve show as such). */
export interface GroupNames {
  teams: Map<string, string>
  people: Map<string, string>
}

const ROLE_LABEL = { admin: 'admins', operator: 'operators or admins', viewer: 'any member' } as const satisfies Record<Role, string>

/** "admins", "team Security", "Lena Lead or Sam Reliability". */
export function groupLabel(rule: Pick<StoredRule, 'role' | 'team_id' | 'user_ids'>, names: GroupNames): string {
  if (rule.role) return ROLE_LABEL[rule.role]
  if (rule.team_id) return `team ${names.teams.get(rule.team_id) ?? '(deleted team)'}`
  const people = (rule.user_ids ?? []).map((id) => names.people.get(id) ?? 'someone no longer in the organization')
  return people.length <= 1 ? people.join('') : `${people.slice(0, -1).join(', ')} or ${people.at(-1)}`
}
