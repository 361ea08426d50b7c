import { describe, expect, it } from 'vitest'
import { parsePage, parseStatusFilter, statusesFor } from './status-filter.ts'

describe('the runs list filter', () => {
  it('reads known filters from the URL and treats anything else as every run', () => {
    expect(parseStatusFilter('failed')).toBe('failed')
    expect(parseStatusFilter('active')).toBe('active')
    expect(parseStatusFilter(null)).toBe('all')
    expect(parseStatusFilter('toString')).toBe('all')
    expect(parseStatusFilter('FAILED')).toBe('all')
  })

  it('maps filters to the statuses it asks the database for', () => {
    expect(statusesFor('all')).toBeNull()
    expect(statusesFor('active')).toEqual(['queued', 'running', 'paused'])
    expect(statusesFor('success')).toEqual(['success', 'warning'])
  })

  it('reads the page as a non-negative integer', () => {
    expect(parsePage('3')).toBe(3)
    expect(parsePage('-1')).toBe(0)
    expect(parsePage('1.5')).toBe(0)
    expect(parsePage('abc')).toBe(0)
    expect(parsePage(null)).toBe(0)
  })
})
