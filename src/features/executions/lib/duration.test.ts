import { describe, expect, it } from 'vitest'
import { elapsedMs, executionDurationMs, nodeDurationMs } from './duration.ts'

const t0 = '2026-11-28T10:00:00.000Z'
const t1 = '2026-11-28T10:00:42.500Z'
const now = Date.parse('2026-11-28T10:05:00.000Z')

describe('durations', () => {
  it('measures start to finish, or start to now while still going', () => {
    expect(elapsedMs(t0, t1, now)).toBe(42_500)
    expect(elapsedMs(t0, null, now)).toBe(300_000)
    expect(elapsedMs(null, t1, now)).toBeNull()
    expect(elapsedMs('not a date', t1, now)).toBeNull()
  })

  it('never goes negative when clocks disagree', () => {
    expect(elapsedMs(t1, t0, now)).toBe(0)
  })

  it('prefers the duration the engine recorded for a node', () => {
    expect(nodeDurationMs({ status: 'success', started_at: t0, finished_at: t1, duration_ms: 1234 }, now)).toBe(1234)
    expect(nodeDurationMs({ status: 'success', started_at: t0, finished_at: t1, duration_ms: null }, now)).toBe(42_500)
  })

  it('ticks for running and gated nodes, and gives none to a node stopped without a finish time', () => {
    expect(nodeDurationMs({ status: 'running', started_at: t0, finished_at: null }, now)).toBe(300_000)
    expect(nodeDurationMs({ status: 'waiting', started_at: t0, finished_at: null }, now)).toBe(300_000)
    expect(nodeDurationMs({ status: 'cancelled', started_at: t0, finished_at: null }, now)).toBeNull()
    expect(nodeDurationMs({ status: 'pending', started_at: null, finished_at: null }, now)).toBeNull()
  })

  it('counts a live run up to now and a finished one to its end', () => {
    expect(executionDurationMs({ status: 'running', started_at: t0, finished_at: null }, now)).toBe(300_000)
    expect(executionDurationMs({ status: 'paused', started_at: t0, finished_at: null }, now)).toBe(300_000)
    expect(executionDurationMs({ status: 'failed', started_at: t0, finished_at: t1 }, now)).toBe(42_500)
    expect(executionDurationMs({ status: 'failed', started_at: t0, finished_at: null }, now)).toBeNull()
    expect(executionDurationMs({ status: 'queued', started_at: null, finished_at: null }, now)).toBeNull()
  })
})
