// How exported audit rows are written: CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they
// hold a comma, quote or line break, quotes doubled) or one JSON array, a page of rows at a time, so the
// export never holds more than a page. Pure, so vitest and Deno can both test it.
import type { Range } from './filters.ts'

/** The columns of an export, in order: the stored row (hash and prev_hash let anyone re-check the chain) and the actor's name. */
export const COLUMNS = [
  'id', 'created_at', 'organization_id', 'project_id', 'user_id', 'actor_email', 'actor_name', 'actor_role',
  'action', 'resource_type', 'resource_id', 'details', 'before', 'after', 'prev_hash', 'hash',
] as const

export type Column = (typeof COLUMNS)[number]
export type ExportRow = Record<Column, unknown>
export type Format = 'csv' | 'json'

/** One CSV field: empty for null, JSON text for objects, quoted only when it must be. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvHeader = () => `${COLUMNS.join(',')}\r\n`

export function csvRows(rows: ExportRow[]): string {
  let out = ''
  for (const row of rows) out += `${COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`
  return out
}

function jsonRow(row: ExportRow): string {
  const ordered: Record<string, unknown> = {}
  for (const column of COLUMNS) ordered[column] = row[column] ?? null
  return JSON.stringify(ordered)
}

/**
 * Writes an export in pieces: `start()` once, `page(rows)` for each page, `end()` once. For JSON the pieces
 * join into one array, one row per line, whatever the page boundaries.
 */
export function writer(format: Format) {
  let rows = 0
  return {
    start: () => (format === 'csv' ? csvHeader() : '['),
    page(page: ExportRow[]): string {
      if (page.length === 0) return ''
      if (format === 'csv') {
        rows += page.length
        return csvRows(page)
      }
      let out = ''
      for (const row of page) out += `${rows++ === 0 ? '\n' : ',\n'}${jsonRow(row)}`
      return out
    },
    end: () => (format === 'csv' ? '' : rows === 0 ? ']\n' : '\n]\n'),
    get rows() {
      return rows
    },
  }
}

const day = (iso: string) => iso.slice(0, 10)

/**
 * `audit-<org slug>-<from day|start>-to-<last day|today>.<csv|json>`: the last day is the day before an
 * exclusive `to` that falls at midnight, so a filter for 1–30 November is named `…-2026-11-01-to-2026-11-30`.
 */
export function exportFilename(slug: string, range: Range, format: Format, now = new Date()): string {
  const safe = slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'organization'
  let last = day(now.toISOString())
  if (range.to) {
    const to = new Date(range.to)
    last = day(new Date(to.getTime() - (to.getTime() % 86_400_000 === 0 ? 1 : 0)).toISOString())
  }
  return `audit-${safe}-${range.from ? day(range.from) : 'start'}-to-${last}.${format}`
}

export const contentType: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
}
