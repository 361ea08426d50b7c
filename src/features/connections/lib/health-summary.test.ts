import { describe, expect, it } from 'vitest'
import { chartPoints, responseStats, summarize } from './health-summary.ts'
import { refusalMessage } from './refusal.ts'

describe('status summary', () => {
  it('counts statuses and types and names the worst', () => {
    const s = summarize([
      { type: 'otel', status: 'healthy' }, { type: 'kubernetes', status: 'degraded' },
      { type: 'otel', status: 'unknown' }, { type: 'github', status: 'healthy' },
    ])
    expect(s.counts).toEqual({ healthy: 2, degraded: 1, down: 0, unknown: 1 })
    expect(s.worst).toBe('degraded')
    expect(s.types).toEqual([{ type: 'otel', count: 2 }, { type: 'kubernetes', count: 1 }, { type: 'github', count: 1 }])
    expect(summarize([{ type: 'otel', status: 'unknown' }, { type: 'azure', status: 'down' }]).worst).toBe('down')
    expect(summarize([]).worst).toBeNull()
  })
})

describe('health history', () => {
  it('orders checks oldest first and keeps checks without a response time', () => {
    const points = chartPoints([
      { id: 3, status: 'down', response_time_ms: null, message: 'timeout', checked_at: '2026-11-28T10:10:00Z' },
      { id: 1, status: 'healthy', response_time_ms: 40, message: null, checked_at: '2026-11-28T10:00:00Z' },
      { id: 2, status: 'degraded', response_time_ms: 3200, message: 'slow', checked_at: '2026-11-28T10:05:00Z' },
    ])
    expect(points.map((p) => [p.id, p.status, p.ms])).toEqual([[1, 'healthy', 40], [2, 'degraded', 3200], [3, 'down', null]])
    expect(points[0]!.at).toBe(Date.parse('2026-11-28T10:00:00Z'))
    expect(responseStats(points)).toEqual({ median: 1620, max: 3200, count: 2 })
    expect(responseStats([])).toEqual({ median: null, max: null, count: 0 })
  })
})

describe('refusals', () => {
  it('puts the database refusals into sentences', () => {
    expect(refusalMessage({ code: '23505', message: 'duplicate key value violates unique constraint "connections_organization_id_name_key"' }, 'add', 'GHCR'))
      .toBe('A connection named “GHCR” already exists in this organization; pick another name.')
    expect(refusalMessage({ code: '42501', message: 'new row violates row-level security policy for table "connections"' }, 'add'))
      .toBe('Only organization admins can add connections.')
    expect(refusalMessage({ code: 'no_rows' }, 'delete')).toMatch(/^Nothing was deleted/)
    expect(refusalMessage({ code: 'XX000', message: 'boom' }, 'change')).toBe('The database refused to change the connection: boom')
  })
})
