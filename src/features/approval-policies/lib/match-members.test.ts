import { describe, expect, it } from 'vitest'
import { matchMembers } from './match-members.ts'

const members = [
  { name: 'Ada Admin', email: 'admin@opzenix.dev' },
  { name: 'Lena Lead', email: 'lead@opzenix.dev' },
  { name: 'Sam Reliability', email: 'sre@opzenix.dev' },
]
const names = (search: string) => matchMembers(members, search).map((m) => m.name)

describe('matchMembers', () => {
  it('finds people by part of their name or email, whatever the case', () => {
    expect(names('ada')).toEqual(['Ada Admin'])
    expect(names('LEAD@')).toEqual(['Lena Lead'])
    expect(names('sre')).toEqual(['Sam Reliability'])
  })
  it('needs every word to match, in name or email', () => {
    expect(names('lena opzenix')).toEqual(['Lena Lead'])
    expect(names('lena sam')).toEqual([])
  })
  it('lists everyone for an empty search, no one for a search nobody matches', () => {
    expect(names('  ')).toHaveLength(3)
    expect(names('globex')).toEqual([])
  })
})
