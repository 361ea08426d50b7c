import { describe, expect, it } from 'vitest'
import { chainVerdict, changedFields, summarize } from './audit-diff.ts'

describe('changedFields', () => {
  it('lists the columns whose values differ, ignoring updated_at', () => {
    const before = { id: 'x', is_locked: false, lock_reason: null, updated_at: '1', meta: { a: 1 } }
    const after = { id: 'x', is_locked: true, lock_reason: 'Incident 42', updated_at: '2', meta: { a: 1 } }
    expect(changedFields(before, after)).toEqual([
      { field: 'is_locked', before: false, after: true },
      { field: 'lock_reason', before: null, after: 'Incident 42' },
    ])
  })
  it('sees nested changes and keys present on one side only', () => {
    expect(changedFields({ meta: { a: 1 } }, { meta: { a: 2 }, extra: 1 }).map((c) => c.field)).toEqual(['extra', 'meta'])
  })
  it('treats a missing image as empty (inserts and deletes)', () => {
    expect(changedFields(null, { id: 'x' })).toEqual([{ field: 'id', before: undefined, after: 'x' }])
    expect(changedFields({ id: 'x' }, undefined)).toEqual([{ field: 'id', before: 'x', after: undefined }])
  })
})

describe('summarize', () => {
  it('describes each kind of action', () => {
    expect(summarize('insert', 'deployments', [])).toBe('inserted into deployments')
    expect(summarize('delete', 'environment_locks', [])).toBe('deleted from environment_locks')
    expect(summarize('update', 'approval_requests', [])).toBe('touched approval_requests')
    const changes = ['a', 'b', 'c', 'd', 'e'].map((field) => ({ field, before: 1, after: 2 }))
    expect(summarize('update', 't', changes)).toBe('changed a, b, c and 2 more in t')
    expect(summarize('update', 't', changes.slice(0, 2))).toBe('changed a, b in t')
    expect(summarize('deployment.break_glass', 'environment_locks', [])).toBe('deployment.break_glass on environment_locks')
  })
})

describe('chainVerdict', () => {
  it('reads null as intact and a row id as the break', () => {
    expect(chainVerdict(null).intact).toBe(true)
    expect(chainVerdict(17)).toEqual({ intact: false, firstBrokenId: 17, message: expect.stringContaining('#17') })
  })
})
