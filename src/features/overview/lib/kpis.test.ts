import { describe, expect, it } from 'vitest'
import { formatCount, formatRate, rateTone, parseRawKpis, toKpis } from './kpis.ts'

const raw = { running: 2, waiting: 1, succeeded_7d: 29, failed_7d: 6, finished_7d: 36 }

describe('toKpis', () => {
  it('derives the success rate from finished runs of the last 7 days', () => {
    expect(toKpis(raw)).toEqual({ running: 2, waiting: 1, failed: 6, finished: 36, successRate: 29 / 36 })
  })
  it('has no rate (not 0%) when nothing finished', () => {
    expect(toKpis({ ...raw, succeeded_7d: 0, failed_7d: 0, finished_7d: 0 }).successRate).toBeNull()
  })
  it('rejects what the function never returns', () => {
    expect(() => parseRawKpis({ ...raw, running: -1 })).toThrow(/running/)
    expect(() => parseRawKpis({ running: 1 })).toThrow(/waiting/)
    expect(parseRawKpis(raw)).toEqual(raw)
  })
})

describe('formatRate', () => {
  it('rounds to whole percents', () => {
    expect(formatRate(29 / 36)).toBe('81%')
    expect(formatRate(0.5)).toBe('50%')
  })
  it('never rounds a failure up to 100% or a success down to 0%', () => {
    expect(formatRate(999 / 1000)).toBe('99.9%')
    expect(formatRate(9999 / 10000)).toBe('99.9%')
    expect(formatRate(1 / 1000)).toBe('0.1%')
  })
  it('shows exact ends and a dash when there is no rate', () => {
    expect(formatRate(1)).toBe('100%')
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(null)).toBe('—')
  })
})

describe('rateTone', () => {
  it('grades health', () => {
    expect(rateTone(0.97)).toBe('success')
    expect(rateTone(0.95)).toBe('success')
    expect(rateTone(0.81)).toBe('warning')
    expect(rateTone(0.5)).toBe('danger')
    expect(rateTone(null)).toBe('neutral')
  })
})

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(1204)).toBe('1,204')
  })
})
