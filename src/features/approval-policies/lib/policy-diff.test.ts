import { describe, expect, it } from 'vitest'
import { describePolicyChange, diffPolicies } from './policy-diff.ts'
import type { StoredRule, StoredVersion } from './policy-form.ts'

const TEAM = '70000000-0000-4000-a000-000000000001'
const LENA = '00000000-0000-4000-a000-000000000005'
const names = { teams: new Map([[TEAM, 'Security']]), people: new Map([[LENA, 'Lena Lead']]) }

let position = 0
const rule = (over: Partial<StoredRule>): StoredRule =>
  ({ level: 1, position: ++position, name: 'Admins', required: 1, role: 'admin', team_id: null, user_ids: null, ...over })
const version = (rules: StoredRule[], over: Partial<StoredVersion> = {}): StoredVersion => ({
  active: true, forbid_starter: true, forbid_commit_author: true, require_ticket: false, require_impact: false,
  expires_after: null, approval_policy_rules: rules, ...over,
})
const lines = (a: StoredVersion, b: StoredVersion) => diffPolicies(a, b, names).map(describePolicyChange)

describe('diffPolicies', () => {
  it('says nothing changed between equal versions', () => {
    expect(diffPolicies(version([rule({})]), version([rule({})]), names)).toEqual([])
  })

  it('lists switches, expiry and rules added, removed and changed, in level order', () => {
    const before = version([rule({ required: 1 }), rule({ name: 'Security', team_id: TEAM, role: null })])
    const after = version(
      [rule({ required: 2 }), rule({ level: 2, name: 'Owner', role: null, user_ids: [LENA] })],
      { forbid_commit_author: false, expires_after: '01:00:00' },
    )
    expect(lines(before, after)).toEqual([
      '~ The commit\'s author cannot approve: on → off',
      '~ Requests expire after: never → 60 min',
      '~ Level 1 · Admins: 1 from admins → 2 from admins',
      '- Level 1 · Security: 1 from team Security',
      '+ Level 2 · Owner: 1 from Lena Lead',
    ])
  })

  it('reports a change of group under the same name', () => {
    expect(lines(version([rule({ name: 'Owner', role: null, user_ids: [LENA] })]), version([rule({ name: 'Owner', role: null, team_id: TEAM })])))
      .toEqual(['~ Level 1 · Owner: 1 from Lena Lead → 1 from team Security'])
  })

  it('turning the policy off removes its rules, without listing settings that no longer apply', () => {
    expect(lines(version([rule({})]), version([], { active: false, forbid_starter: false }))).toEqual([
      '~ Policy: on → off',
      '- Level 1 · Admins: 1 from admins',
    ])
  })

  it('tells two rules of the same level and name apart', () => {
    expect(lines(version([rule({}), rule({})]), version([rule({})]))).toEqual(['- Level 1 · Admins (2): 1 from admins'])
  })
})
