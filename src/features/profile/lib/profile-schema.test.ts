import { describe, expect, it } from 'vitest'
import { fromStoredMode, profileSchema, toStoredMode } from './profile-schema.ts'

describe('profileSchema', () => {
  it('trims the name', () => {
    expect(profileSchema.parse({ fullName: '  Ada Admin ' })).toEqual({ fullName: 'Ada Admin' })
  })
  it('asks for a name and caps its length', () => {
    expect(profileSchema.safeParse({ fullName: '   ' }).error?.issues[0]?.message).toBe('Enter your name')
    expect(profileSchema.safeParse({ fullName: 'x'.repeat(81) }).error?.issues[0]?.message).toBe('At most 80 characters')
  })
})

describe('default mode choice', () => {
  it('stores "follow my role" as null and a mode as itself', () => {
    expect(toStoredMode('')).toBeNull()
    expect(toStoredMode('investigate')).toBe('investigate')
  })
  it('reads null and unknown values as "follow my role"', () => {
    expect(fromStoredMode(null)).toBe('')
    expect(fromStoredMode('advanced')).toBe('')
    expect(fromStoredMode('govern')).toBe('govern')
  })
})
