import { describe, expect, it } from 'vitest'
import { canRollBackTo, liveSpan, rollbackTargets, withLiveUntil } from './version-history.ts'

const now = Date.parse('2026-11-28T12:00:00Z')

describe('liveSpan', () => {
  it('measures a replaced version until its successor went live', () => {
    expect(liveSpan({ live_from: '2026-11-28T10:00:00Z', live_until: '2026-11-28T11:30:00Z', is_current: false }, now))
      .toEqual({ liveNow: false, ms: 90 * 60_000 })
  })
  it('measures the current version until now', () => {
    expect(liveSpan({ live_from: '2026-11-28T11:59:00Z', live_until: null, is_current: true }, now)).toEqual({ liveNow: true, ms: 60_000 })
  })
  it('never reports a negative duration for clock skew', () => {
    expect(liveSpan({ live_from: '2026-11-28T12:00:05Z', live_until: null, is_current: true }, now).ms).toBe(0)
  })
})

describe('withLiveUntil', () => {
  it('closes each version at the next one and leaves the newest open', () => {
    const rows = withLiveUntil([
      { id: 'a', version_tag: '1.0.0', is_current: false, live_from: '2026-11-01T00:00:00Z' },
      { id: 'b', version_tag: '1.1.0', is_current: false, live_from: '2026-11-02T00:00:00Z' },
      { id: 'c', version_tag: '1.0.0', is_current: true, live_from: '2026-11-03T00:00:00Z' },
    ])
    expect(rows.map((r) => r.live_until)).toEqual(['2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z', null])
    expect(rows.map((r) => liveSpan(r, Date.parse('2026-11-03T06:00:00Z')).ms / 3_600_000)).toEqual([24, 24, 6])
  })
  it('handles an empty history', () => {
    expect(withLiveUntil([])).toEqual([])
  })
})

describe('canRollBackTo', () => {
  it('offers earlier versions other than the one running now', () => {
    expect(canRollBackTo({ is_current: false, version_tag: '1.98.0' }, '1.99.0')).toBe(true)
    expect(canRollBackTo({ is_current: true, version_tag: '1.99.0' }, '1.99.0')).toBe(false)
    expect(canRollBackTo({ is_current: false, version_tag: '1.99.0' }, '1.99.0')).toBe(false)
    expect(canRollBackTo({ is_current: false, version_tag: '1.98.0' }, null)).toBe(false)
  })
})

describe('rollbackTargets', () => {
  it('offers each earlier version once, on its most recent row, and never the running version', () => {
    const history = [
      { id: 'r5', version_tag: '1.99.0', is_current: true },
      { id: 'r4', version_tag: '1.96.0', is_current: false },
      { id: 'r3', version_tag: '1.98.0', is_current: false },
      { id: 'r2', version_tag: '1.96.0', is_current: false },
      { id: 'r1', version_tag: '1.99.0', is_current: false },
    ]
    expect([...rollbackTargets(history, '1.99.0')]).toEqual(['r4', 'r3'])
    expect(rollbackTargets(history, null).size).toBe(0)
  })
})
