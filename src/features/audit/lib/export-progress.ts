// Counting rows of an export while it downloads, from the bytes alone (no decoding): audit-export writes CSV
// records ending in CRLF (a line break inside quotes is data) and JSON with one row per line, each starting
// with "{" right after a newline (JSON strings never hold a raw newline).

export type ExportFormat = 'csv' | 'json'

const QUOTE = 0x22
const LF = 0x0a
const BRACE = 0x7b

/** Feed it the body's chunks in order; `rows` is how many whole rows have arrived (CSV's header not counted). */
export function rowCounter(format: ExportFormat) {
  let quoted = false
  let afterNewline = false
  let lines = 0
  return {
    feed(chunk: Uint8Array): number {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]
        if (format === 'csv') {
          if (byte === QUOTE) quoted = !quoted
          else if (byte === LF && !quoted) lines++
        } else {
          if (afterNewline && byte === BRACE) lines++
          afterNewline = byte === LF
        }
      }
      return this.rows
    },
    get rows() {
      return format === 'csv' ? Math.max(0, lines - 1) : lines
    },
  }
}

/** The file name in a `Content-Disposition: attachment; filename="…"` header, or a fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header && /filename="([^"]+)"/.exec(header)
  return match ? match[1]! : fallback
}

const UNITS = ['B', 'kB', 'MB', 'GB'] as const

/** 512 B, 48.2 kB, 56.4 MB (decimal units, as browsers show downloads). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}
