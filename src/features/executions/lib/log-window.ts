import type { Enums, Json } from '../../../integrations/supabase/types.ts'

export interface LogLine {
  id: number
  level: Enums<'log_level'>
  message: string
  metadata: Json | null
  created_at: string
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly Enums<'log_level'>[]

/** Every row is one line high (long lines scroll sideways), which is what lets a million of them be windowed. */
export const ROW_HEIGHT = 20
/** Lines are fetched in pages of this many, by position. */
export const PAGE_SIZE = 500
/** At most this many pages are kept: what is on screen plus a window either side, never the whole log. */
export const MAX_PAGES = 8
/** Browsers stop scrolling somewhere past ten million pixels, so past this height a pixel stands for more than one line. */
export const MAX_SCROLL_PX = 8_000_000

export const pageOf = (index: number) => Math.floor(index / PAGE_SIZE)

/** How tall the scrolled content is for `total` lines. */
export const contentHeight = (total: number) => Math.min(total * ROW_HEIGHT, MAX_SCROLL_PX)

const fullRows = (viewHeight: number) => Math.max(1, Math.floor(viewHeight / ROW_HEIGHT))

export interface VisibleRange {
  /** Index of the first line drawn. */
  first: number
  /** How many lines to draw from there. */
  count: number
  /** Where the first line is drawn, in content pixels. */
  top: number
}

/**
 * The lines on screen for a scroll position. Up to MAX_SCROLL_PX one pixel is one pixel; past it the scroll
 * position is a fraction of the log (the top shows line 0, the bottom the last full screen).
 */
export function visibleRange(scrollTop: number, viewHeight: number, total: number): VisibleRange {
  if (total === 0) return { first: 0, count: 0, top: 0 }
  const rows = fullRows(viewHeight) + 1
  const height = contentHeight(total)
  if (height === total * ROW_HEIGHT) {
    const first = Math.max(0, Math.min(Math.floor(scrollTop / ROW_HEIGHT), total - 1))
    return { first, count: Math.min(rows, total - first), top: first * ROW_HEIGHT }
  }
  const maxScroll = Math.max(1, height - viewHeight)
  const top = Math.max(0, Math.min(scrollTop, maxScroll))
  const first = Math.round((top / maxScroll) * (total - fullRows(viewHeight)))
  return { first, count: Math.min(rows, total - first), top }
}

/** The scroll position that puts line `index` at the top of the view (as near as the end allows). */
export function scrollTopFor(index: number, viewHeight: number, total: number): number {
  const height = contentHeight(total)
  if (height === total * ROW_HEIGHT) return Math.max(0, Math.min(index * ROW_HEIGHT, height - viewHeight))
  const last = Math.max(1, total - fullRows(viewHeight))
  return Math.round((Math.min(index, last) / last) * Math.max(0, height - viewHeight))
}

/** The pages lines `first` … `first + count` fall in, then one more either side to scroll into: nearest first. */
export function pagesAround(range: VisibleRange, total: number): number[] {
  if (total === 0) return []
  const firstPage = pageOf(range.first)
  const lastPage = pageOf(range.first + Math.max(0, range.count - 1))
  const onScreen = Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i)
  const around = [firstPage - 1, lastPage + 1].filter((p) => p >= 0 && p <= pageOf(total - 1))
  return [...onScreen, ...around]
}

/** A bounded cache of pages by number; reading a page makes it the most recently used. */
export class PageCache {
  private pages = new Map<number, LogLine[]>()

  get(page: number): LogLine[] | undefined {
    const lines = this.pages.get(page)
    if (lines) {
      this.pages.delete(page)
      this.pages.set(page, lines)
    }
    return lines
  }

  peek(page: number): LogLine[] | undefined {
    return this.pages.get(page)
  }

  /** Stores a page; past MAX_PAGES the least recently used go, except those in `keep`. */
  set(page: number, lines: LogLine[], keep: readonly number[] = []): void {
    this.pages.delete(page)
    this.pages.set(page, lines)
    for (const old of this.pages.keys()) {
      if (this.pages.size <= MAX_PAGES) break
      if (old !== page && !keep.includes(old)) this.pages.delete(old)
    }
  }

  /** Adds a live line at the end of the log (position `index`), when the page it lands in is held. */
  append(index: number, line: LogLine): void {
    const page = pageOf(index)
    const lines = this.pages.get(page)
    if (lines && lines.length === index - page * PAGE_SIZE) this.pages.set(page, [...lines, line])
    else if (!lines && index % PAGE_SIZE === 0 && this.pages.has(page - 1)) this.pages.set(page, [line])
  }

  line(index: number): LogLine | undefined {
    return this.pages.get(pageOf(index))?.[index % PAGE_SIZE]
  }

  get size(): number {
    return this.pages.size
  }

  lineCount(): number {
    let n = 0
    for (const lines of this.pages.values()) n += lines.length
    return n
  }

  clear(): void {
    this.pages.clear()
  }
}

/** Where `query` occurs in `text`, case-insensitively, as [start, end) pairs (for highlighting). */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  if (!query) return []
  const haystack = text.toLowerCase()
  const needle = query.toLowerCase()
  const ranges: Array<[number, number]> = []
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length])
  return ranges
}

/** Lines the simulated executor wrote carry metadata {simulated: true}. */
export function isSimulatedLine(line: Pick<LogLine, 'metadata'>): boolean {
  const meta = line.metadata
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) && meta.simulated === true
}
