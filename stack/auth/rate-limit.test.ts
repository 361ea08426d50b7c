import { describe, expect, it } from 'vitest'
import { Counter, rateLimitSettings } from './rate-limit.ts'

describe('sign-in rate limit counter', () => {
  it('blocks a key at its limit until its window ends, and says how long to wait', () => {
    let now = 1_000_000
    const counter = new Counter(3, 60_000, () => now)
    for (let i = 0; i < 3; i++) {
      expect(counter.blockedFor('a')).toBe(0)
      counter.hit('a')
    }
    expect(counter.blockedFor('a')).toBe(60)
    expect(counter.blockedFor('b')).toBe(0) // other keys are untouched
    now += 59_001
    expect(counter.blockedFor('a')).toBe(1)
    now += 999
    expect(counter.blockedFor('a')).toBe(0) // a new window
    counter.hit('a')
    expect(counter.blockedFor('a')).toBe(0)
  })

  it('a limit of 0 turns it off', () => {
    const counter = new Counter(0, 60_000)
    for (let i = 0; i < 100; i++) counter.hit('a')
    expect(counter.blockedFor('a')).toBe(0)
  })

  it('reads its settings from the environment, with defaults for missing or bad values', () => {
    expect(rateLimitSettings({})).toEqual({ perIp: 1000, perAccount: 10, windowS: 300 })
    expect(rateLimitSettings({ OPZENIX_AUTH_RATE_LIMIT_IP: '0', OPZENIX_AUTH_RATE_LIMIT_ACCOUNT: '3', OPZENIX_AUTH_RATE_LIMIT_WINDOW_S: 'x' }))
      .toEqual({ perIp: 0, perAccount: 3, windowS: 300 })
  })
})
