import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './stats.ts'

describe('bench percentiles', () => {
  it('takes the nearest rank, whatever the input order', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]
    expect(percentile(values, 50)).toBe(5)
    expect(percentile(values, 95)).toBe(10)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([42], 99)).toBe(42)
    expect(percentile([], 50)).toBeNaN()
  })

  it('summarizes a distribution', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(summarize(values)).toEqual({ n: 100, min: 1, median: 50, p95: 95, p99: 99, max: 100 })
  })
})
