import { describe, expect, it } from 'vitest'
import { formToRule, groupLabel, intervalMinutes, ruleToForm, versionToForm, type StoredRule, type StoredVersion } from './policy-form.ts'

const TEAM = '70000000-0000-4000-a000-000000000001'
const LENA = '00000000-0000-4000-a000-000000000005'
const SAM = '00000000-0000-4000-a000-000000000006'

const rule = (over: Partial<StoredRule>): StoredRule =>
  ({ level: 1, position: 1, name: 'Rule', required: 1, role: null, team_id: null, user_ids: null, ...over })

const version = (rules: StoredRule[], over: Partial<StoredVersion> = {}): StoredVersion => ({
  active: true, forbid_starter: true, forbid_commit_author: false, require_ticket: true, require_impact: false,
  expires_after: '24:00:00', approval_policy_rules: rules, ...over,
})

describe('rule ↔ form', () => {
  const cases: Array<[string, StoredRule, object]> = [
    ['a role', rule({ name: 'Admins', required: 2, role: 'admin' }), { role: 'admin' }],
    ['a team', rule({ level: 2, name: 'Security', team_id: TEAM }), { team_id: TEAM }],
    ['named people', rule({ name: 'Owners', required: 2, user_ids: [LENA, SAM] }), { user_ids: [LENA, SAM] }],
  ]
  it.each(cases)('round-trips %s: stored → form → saved keeps the group, level, name and count', (_, stored, group) => {
    const form = ruleToForm(stored)
    expect(formToRule(form)).toEqual({ level: stored.level, name: stored.name, required: stored.required, ...group })
    // …and the saved shape loads back to the same form.
    const saved = formToRule(form) as Record<string, unknown>
    expect(ruleToForm(rule({ ...saved, role: (saved.role as StoredRule['role']) ?? null, team_id: (saved.team_id as string) ?? null, user_ids: (saved.user_ids as string[]) ?? null }))).toEqual(form)
  })

  it('gives each rule exactly one group: people carry their ids, roles and teams none', () => {
    expect(ruleToForm(rule({ user_ids: [LENA] }))).toMatchObject({ group: 'people', user_ids: [LENA] })
    expect(ruleToForm(rule({ role: 'operator' }))).toMatchObject({ group: 'role:operator', user_ids: [] })
    expect(Object.keys(formToRule({ level: 1, name: 'x', required: 1, group: 'role:viewer', user_ids: [LENA] }))).not.toContain('user_ids')
  })

  it('saves a person once however often they were picked, and trims the name', () => {
    expect(formToRule({ level: 1, name: '  Owners ', required: 1, group: 'people', user_ids: [LENA, LENA, SAM] }))
      .toEqual({ level: 1, name: 'Owners', required: 1, user_ids: [LENA, SAM] })
  })

  it('refuses a group it does not know instead of saving a rule without one', () => {
    expect(() => formToRule({ level: 1, name: '', required: 1, group: 'role:owner', user_ids: [] })).toThrow('Unknown group')
    expect(() => formToRule({ level: 1, name: '', required: 1, group: 'team:', user_ids: [] })).toThrow('Unknown group')
  })
})

describe('versionToForm', () => {
  it('keeps every rule, named people included, in policy order', () => {
    const form = versionToForm(version([
      rule({ position: 3, level: 2, name: 'Owners', user_ids: [SAM] }),
      rule({ position: 1, name: 'Admins', role: 'admin' }),
      rule({ position: 2, name: 'Security', team_id: TEAM }),
    ]))
    expect(form.rules.map((r) => [r.name, r.group, r.user_ids])).toEqual([
      ['Admins', 'role:admin', []], ['Security', `team:${TEAM}`, []], ['Owners', 'people', [SAM]],
    ])
    expect(form).toMatchObject({ forbid_commit_author: false, require_ticket: true, expires_after_minutes: 1440, reason: '' })
  })

  it('starts from one admin when there is no policy, or the last version removed it', () => {
    for (const v of [null, version([], { active: false })]) {
      expect(versionToForm(v).rules).toEqual([{ level: 1, name: '', required: 1, group: 'role:admin', user_ids: [] }])
    }
  })

  it('reads intervals as PostgREST prints them', () => {
    expect(intervalMinutes('00:30:00')).toBe(30)
    expect(intervalMinutes('720:00:00')).toBe(43_200)
    expect(intervalMinutes('1 day 02:30:00')).toBe(1590)
    expect(intervalMinutes(null)).toBeNull()
  })
})

describe('groupLabel', () => {
  const names = { teams: new Map([[TEAM, 'Security']]), people: new Map([[LENA, 'Lena Lead'], [SAM, 'Sam Reliability']]) }
  it('names roles, teams and people', () => {
    expect(groupLabel(rule({ role: 'admin' }), names)).toBe('admins')
    expect(groupLabel(rule({ team_id: TEAM }), names)).toBe('team Security')
    expect(groupLabel(rule({ user_ids: [LENA] }), names)).toBe('Lena Lead')
    expect(groupLabel(rule({ user_ids: [LENA, SAM] }), names)).toBe('Lena Lead or Sam Reliability')
    expect(groupLabel(rule({ user_ids: [SAM, LENA, 'x'] }), names)).toBe('Sam Reliability, Lena Lead or someone no longer in the organization')
  })
})
