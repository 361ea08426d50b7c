import { describe, expect, it } from 'vitest'
import { organizationErrors, organizationRefusal, projectErrors, projectRefusal } from './onboarding.ts'

describe('organizationErrors', () => {
  it('accepts a name and a valid slug, around spaces', () => {
    expect(organizationErrors({ name: ' Initech ', slug: ' initech ' })).toEqual({})
  })

  it('names what is wrong with the slug', () => {
    const slug = (value: string) => organizationErrors({ name: 'x', slug: value }).slug
    expect(slug('')).toBe('Give it a slug: lowercase letters, digits and dashes')
    expect(slug('Init Tech')).toBe('Lowercase letters, digits and dashes only, starting with a letter or digit')
    expect(slug('-initech')).toBe('Lowercase letters, digits and dashes only, starting with a letter or digit')
    expect(slug('init_tech')).toBe('Lowercase letters, digits and dashes only, starting with a letter or digit')
    expect(slug('a'.repeat(49))).toBe('At most 48 characters')
    expect(slug('a'.repeat(48))).toBeUndefined()
  })

  it('needs a name of at most 80 characters', () => {
    expect(organizationErrors({ name: '  ', slug: 'x' })).toEqual({ name: 'Give the organization a name' })
    expect(organizationErrors({ name: 'x'.repeat(81), slug: 'x' })).toEqual({ name: 'At most 80 characters' })
  })
})

describe('projectErrors', () => {
  it('needs a name; the description may be empty but not long', () => {
    expect(projectErrors({ name: ' api ', description: '' })).toEqual({})
    expect(projectErrors({ name: '', description: '' })).toEqual({ name: 'Give the project a name' })
    expect(projectErrors({ name: 'api', description: 'x'.repeat(501) })).toEqual({ description: 'At most 500 characters' })
  })
})

describe('refusals', () => {
  it('say which slug is taken', () => {
    expect(organizationRefusal({ code: '23505', message: 'duplicate key value violates unique constraint "organizations_slug_key"' }, 'initech'))
      .toBe('The slug “initech” is taken by another organization; pick another.')
  })

  it('say which project name is taken, and who may create projects', () => {
    expect(projectRefusal({ code: '23505' }, 'api')).toBe('A project named “api” already exists in this organization; pick another name.')
    expect(projectRefusal({ code: '42501', message: 'new row violates row-level security policy' }, 'api')).toBe('Only organization admins can create projects.')
  })

  it('keep the database words for anything else', () => {
    expect(organizationRefusal({ code: 'XX000', message: 'boom' }, 'x')).toBe('Could not create the organization: boom')
    expect(projectRefusal({ message: 'boom' }, 'x')).toBe('Could not create the project: boom')
  })
})
