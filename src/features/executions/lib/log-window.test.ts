import { describe, expect, it } from 'vitest'
import { contentHeight, MAX_PAGES, MAX_SCROLL_PX, matchRanges, PAGE_SIZE, PageCache, pagesAround, ROW_HEIGHT, scrollTopFor, visibleRange, type LogLine } from './log-window.ts'

const VIEW = 320
const line = (id: number): LogLine => ({ id, level: 'info', message: `line ${id}`, metadata: null, created_at: '2026-12-04T10:00:00Z' })

describe('visibleRange and scrollTopFor', () => {
  it('draws the rows in view, one row per ROW_HEIGHT pixels, on a log that fits the browser', () => {
    expect(contentHeight(1000)).toBe(1000 * ROW_HEIGHT)
    expect(visibleRange(0, VIEW, 1000)).toEqual({ first: 0, count: 17, top: 0 })
    expect(visibleRange(205, VIEW, 1000)).toEqual({ first: 10, count: 17, top: 200 })
    expect(visibleRange(0, VIEW, 5)).toEqual({ first: 0, count: 5, top: 0 })
    expect(scrollTopFor(10, VIEW, 1000)).toBe(200)
    expect(scrollTopFor(999, VIEW, 1000)).toBe(1000 * ROW_HEIGHT - VIEW)
  })

  it('maps the scroll position onto a million lines past the browser\'s height, top to bottom', () => {
    const total = 1_000_000
    expect(contentHeight(total)).toBe(MAX_SCROLL_PX)
    const bottom = MAX_SCROLL_PX - VIEW
    expect(visibleRange(0, VIEW, total).first).toBe(0)
    const last = visibleRange(bottom, VIEW, total)
    expect(last.first + Math.floor(VIEW / ROW_HEIGHT)).toBe(total)
    expect(last.first + last.count).toBeLessThanOrEqual(total)
    expect(visibleRange(bottom / 2, VIEW, total).first).toBe(Math.round((total - 16) / 2))
  })

  it('scrollTopFor and visibleRange agree: jumping to a line puts it at the top of the view', () => {
    for (const total of [40, 10_000, 1_000_000, 3_000_000]) {
      for (const index of [0, 7, Math.floor(total / 3), total - 30]) {
        expect(visibleRange(scrollTopFor(index, VIEW, total), VIEW, total).first).toBe(index)
      }
    }
  })
})

describe('pagesAround', () => {
  it('asks for the pages on screen first, then one either side, within the log', () => {
    expect(pagesAround({ first: 0, count: 17, top: 0 }, 100_000)).toEqual([0, 1])
    expect(pagesAround({ first: PAGE_SIZE * 3 - 5, count: 17, top: 0 }, 100_000)).toEqual([2, 3, 1, 4])
    expect(pagesAround({ first: 999_990, count: 10, top: 0 }, 1_000_000)).toEqual([1999, 1998])
    expect(pagesAround({ first: 0, count: 0, top: 0 }, 0)).toEqual([])
  })
})

describe('PageCache', () => {
  it('holds at most MAX_PAGES pages, dropping the least recently used but never those still wanted', () => {
    const cache = new PageCache()
    for (let p = 0; p < MAX_PAGES; p++) cache.set(p, [line(p)])
    cache.get(0)
    cache.set(100, [line(100)], [1])
    expect(cache.size).toBe(MAX_PAGES)
    expect(cache.peek(0)).toBeDefined()
    expect(cache.peek(1)).toBeDefined()
    expect(cache.peek(2)).toBeUndefined()
  })

  it('appends a live line to the last page when it is held, and opens the next page when it fills', () => {
    const cache = new PageCache()
    cache.set(0, Array.from({ length: PAGE_SIZE - 1 }, (_, i) => line(i + 1)))
    cache.append(PAGE_SIZE - 1, line(PAGE_SIZE))
    expect(cache.line(PAGE_SIZE - 1)?.id).toBe(PAGE_SIZE)
    cache.append(PAGE_SIZE, line(PAGE_SIZE + 1))
    expect(cache.line(PAGE_SIZE)?.id).toBe(PAGE_SIZE + 1)
    // A line for a page not held (the user is far up the log) is left to be fetched when scrolled to.
    cache.append(PAGE_SIZE * 5, line(9999))
    expect(cache.line(PAGE_SIZE * 5)).toBeUndefined()
  })
})

describe('matchRanges', () => {
  it('finds every occurrence, case-insensitively', () => {
    expect(matchRanges('Error: error in ERROR', 'error')).toEqual([[0, 5], [7, 12], [16, 21]])
    expect(matchRanges('nothing here', 'x')).toEqual([])
    expect(matchRanges('abc', '')).toEqual([])
  })
})
