import { describe, expect, it } from 'vitest'
import { freezeState, promotionOrder } from './promotion-chain.ts'

describe('promotionOrder', () => {
  it('orders by position whatever order the rows came in, without mutating the input', () => {
    const rows = [{ key: 'prod', position: 4 }, { key: 'dev', position: 0 }, { key: 'staging', position: 2 }, { key: 'uat', position: 1 }, { key: 'preprod', position: 3 }]
    expect(promotionOrder(rows).map((r) => r.key)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    expect(rows[0]!.key).toBe('prod')
  })
  it('breaks ties by key', () => {
    expect(promotionOrder([{ key: 'b', position: 1 }, { key: 'a', position: 1 }]).map((r) => r.key)).toEqual(['a', 'b'])
  })
})

describe('freezeState', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')
  const w = (id: string, environment_id: string | null, starts: string, ends: string) => ({ id, environment_id, starts_at: `2026-11-${starts}Z`, ends_at: `2026-11-${ends}Z` })
  const windows = [
    w('past', null, '01T00:00:00', '02T00:00:00'),
    w('prod-now', 'prod', '28T11:00:00', '28T13:00:00'),
    w('all-now', null, '28T10:00:00', '29T00:00:00'),
    w('prod-later', 'prod', '30T00:00:00', '30T06:00:00'),
    w('all-soon', null, '29T00:00:00', '29T01:00:00'),
    w('dev-now', 'dev', '28T00:00:00', '29T00:00:00'),
  ]
  it('finds the window in force, preferring the one that ends last', () => {
    expect(freezeState(windows, 'prod', now).active?.id).toBe('all-now')
    expect(freezeState(windows, 'uat', now).active?.id).toBe('all-now')
  })
  it('lists upcoming windows soonest first, including project-wide ones', () => {
    expect(freezeState(windows, 'prod', now).upcoming.map((x) => x.id)).toEqual(['all-soon', 'prod-later'])
    expect(freezeState(windows, 'dev', now).upcoming.map((x) => x.id)).toEqual(['all-soon'])
  })
  it('treats the end as exclusive and the start as inclusive', () => {
    const edge = [w('edge', null, '28T12:00:00', '28T13:00:00'), w('ended', null, '28T11:00:00', '28T12:00:00')]
    expect(freezeState(edge, 'prod', now).active?.id).toBe('edge')
    expect(freezeState([edge[1]!], 'prod', now)).toEqual({ active: null, upcoming: [] })
  })
})
