import { describe, expect, it } from 'vitest'
import { breakGlassState } from './break-glass-state.ts'

describe('breakGlassState', () => {
  const now = Date.parse('2026-12-04T12:00:00Z')
  it('is the status while the request is fresh', () => {
    for (const status of ['pending', 'approved', 'rejected', 'used']) expect(breakGlassState({ status, expires_at: '2026-12-04T13:00:00Z' }, now)).toBe(status)
  })
  it('is expired for an unused request past its expiry; used and rejected stay what they are', () => {
    expect(breakGlassState({ status: 'pending', expires_at: '2026-12-04T11:00:00Z' }, now)).toBe('expired')
    expect(breakGlassState({ status: 'approved', expires_at: '2026-12-04T11:00:00Z' }, now)).toBe('expired')
    expect(breakGlassState({ status: 'used', expires_at: '2026-12-04T11:00:00Z' }, now)).toBe('used')
    expect(breakGlassState({ status: 'rejected', expires_at: '2026-12-04T11:00:00Z' }, now)).toBe('rejected')
  })
})
