import { describe, expect, it } from 'vitest'
import { countdown } from './countdown.ts'

describe('countdown', () => {
  const at = (ms: number) => new Date(Date.parse('2026-12-04T12:00:00Z') + ms).toISOString()
  const now = Date.parse('2026-12-04T12:00:00Z')
  it('says how long is left, largest unit first', () => {
    expect(countdown(at(12_000), now)).toBe('12s')
    expect(countdown(at(245_000), now)).toBe('4m 05s')
    expect(countdown(at(3_723_000), now)).toBe('1h 02m 03s')
  })
  it('is null with no expiry or once it has passed', () => {
    expect(countdown(null, now)).toBeNull()
    expect(countdown(at(0), now)).toBeNull()
    expect(countdown(at(-5000), now)).toBeNull()
    expect(countdown('garbage', now)).toBeNull()
  })
})
