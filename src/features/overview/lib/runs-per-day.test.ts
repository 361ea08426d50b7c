import { describe, expect, it } from 'vitest'
import { summarizeDays, toChartDays } from './runs-per-day.ts'

const zero = { success: 0, warning: 0, failed: 0, cancelled: 0 }

describe('toChartDays', () => {
  it('orders days oldest first, labels them and totals each', () => {
    const days = toChartDays([
      { day: '2026-11-28', ...zero, success: 1 },
      { day: '2026-11-27', success: 5, warning: 1, failed: 1, cancelled: 0 },
    ])
    expect(days.map((d) => d.label)).toEqual(['Nov 27', 'Nov 28'])
    expect(days.map((d) => d.total)).toEqual([7, 1])
  })
  it('labels the date itself, whatever the viewer time zone', () => {
    expect(toChartDays([{ day: '2026-01-01', ...zero }])[0]!.label).toBe('Jan 1')
  })
})

describe('summarizeDays', () => {
  it('says what the bars show', () => {
    const days = toChartDays([
      { day: '2026-11-27', success: 5, warning: 1, failed: 2, cancelled: 0 },
      { day: '2026-11-28', ...zero, success: 1 },
    ])
    expect(summarizeDays(days)).toBe('9 runs finished in the last 2 days: 6 succeeded, 1 with warnings, 2 failed.')
  })
  it('says so when nothing finished', () => {
    expect(summarizeDays(toChartDays([{ day: '2026-11-28', ...zero }]))).toBe('No runs finished in the last day.')
  })
})
