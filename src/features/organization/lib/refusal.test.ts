import { describe, expect, it } from 'vitest'
import { asSentence, refusalMessage } from './refusal.ts'

const words = { action: 'change roles' }

describe('refusalMessage', () => {
  it("shows the functions' own sentences, capitalized and ended", () => {
    expect(refusalMessage({ code: 'PT409', message: 'the owner of an organization stays its admin: transfer ownership first' }, words))
      .toBe('The owner of an organization stays its admin: transfer ownership first.')
    expect(refusalMessage({ code: 'PT403', message: 'only the owner can transfer an organization' }, words)).toBe('Only the owner can transfer an organization.')
    expect(refusalMessage({ code: 'PT409', message: 'ann@example.test is already a member' }, words)).toBe('Ann@example.test is already a member.')
  })

  it('names who may do it when RLS refuses or filters the write out', () => {
    expect(refusalMessage({ code: '42501', message: 'new row violates row-level security policy for table "teams"' }, { action: 'create teams' }))
      .toBe('Only organization admins can create teams.')
    expect(refusalMessage({ code: 'no_rows' }, words)).toBe('Nothing changed: only organization admins can change roles.')
    expect(refusalMessage({ code: 'no_rows' }, { ...words, noRows: 'Only the owner can delete the organization.' })).toBe('Only the owner can delete the organization.')
  })

  it('says a name is taken, or a person left', () => {
    expect(refusalMessage({ code: '23505' }, { action: 'rename teams', duplicate: 'A team named “Ops” already exists.' })).toBe('A team named “Ops” already exists.')
    expect(refusalMessage({ code: '23505' }, words)).toBe('That name is already taken in this organization; pick another.')
    expect(refusalMessage({ code: '23503', message: 'insert or update on table "team_members" violates foreign key constraint' }, words))
      .toBe('That person is no longer a member of this organization.')
  })

  it("keeps the database's words for anything else", () => {
    expect(refusalMessage({ code: 'XX000', message: 'boom' }, words)).toBe('Could not change roles: boom')
    expect(refusalMessage({}, words)).toBe('Could not change roles.')
  })
})

describe('asSentence', () => {
  it('capitalizes and adds a full stop only when missing', () => {
    expect(asSentence('this invitation has already been used')).toBe('This invitation has already been used.')
    expect(asSentence('Done.')).toBe('Done.')
    expect(asSentence('  ')).toBe('')
  })
})
