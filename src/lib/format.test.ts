import { describe, expect, it } from 'vitest'
import { formatDuration, percent, timeAgo } from './format.ts'

describe('format', () => {
  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-28T12:00:00Z')
    expect(timeAgo('2026-11-28T11:57:00Z', now)).toBe('3 minutes ago')
    expect(timeAgo('2026-11-28T14:00:00Z', now)).toBe('in 2 hours')
    expect(timeAgo(null, now)).toBe('—')
  })

  it('prints durations at a useful precision', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(12_400)).toBe('12.4 s')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
    expect(formatDuration(7_800_000)).toBe('2 h 10 min')
    expect(formatDuration(null)).toBe('—')
  })

  it('gives a dash instead of dividing by zero', () => {
    expect(percent(3, 4)).toBe('75%')
    expect(percent(0, 0)).toBe('—')
  })
})
