import { describe, expect, it } from 'vitest'
import { prependLive } from './live-rows.ts'

const rows = (...ids: number[]) => ids.map((id) => ({ id }))

describe('prependLive', () => {
  it('puts new rows on top, newest first, trims to the page size and counts them in the total', () => {
    const page = { rows: rows(10, 9, 8), total: 30 }
    expect(prependLive(page, rows(11, 13, 12), 4)).toEqual({ rows: rows(13, 12, 11, 10), total: 33 })
  })

  it('ignores rows it already holds (a reload raced the stream) and returns the same page when nothing is new', () => {
    const page = { rows: rows(10, 9), total: 2 }
    expect(prependLive(page, rows(10, 9), 50)).toBe(page)
    expect(prependLive(page, rows(11, 11, 10), 50)).toEqual({ rows: rows(11, 10, 9), total: 3 })
  })

  it('an older straggler is counted but not placed above newer rows', () => {
    expect(prependLive({ rows: rows(10, 8), total: 2 }, rows(9), 50)).toEqual({ rows: rows(10, 8), total: 3 })
  })

  it('fills an empty first page', () => {
    expect(prependLive({ rows: [], total: 0 }, rows(1, 2), 50)).toEqual({ rows: rows(2, 1), total: 2 })
  })
})
