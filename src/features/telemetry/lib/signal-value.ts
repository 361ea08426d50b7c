import { formatDuration } from '../../../lib/format.ts'

interface ValueFields {
  signal_type: string
  kind: string | null
  duration_ms: number | null
  value: unknown
  count: unknown
  sum: unknown
  unit: string | null
  body: unknown
}

const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN)
const compact = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toLocaleString('en', { maximumFractionDigits: 3 }))

/** The table's "Duration / value" cell: a span's duration, a metric point's value (or count and sum), a log's body. */
export function signalValue(row: ValueFields): string {
  if (row.signal_type === 'trace') return formatDuration(row.duration_ms)
  if (row.signal_type === 'metric') {
    const unit = row.unit ? ` ${row.unit}` : ''
    const value = number(row.value)
    if (Number.isFinite(value)) return `${compact(value)}${unit}`
    const count = number(row.count)
    const sum = number(row.sum)
    const parts = [Number.isFinite(count) ? `count ${compact(count)}` : '', Number.isFinite(sum) ? `sum ${compact(sum)}${unit}` : '']
    return parts.filter(Boolean).join(' · ') || '—'
  }
  if (row.body == null) return '—'
  return typeof row.body === 'string' ? row.body : JSON.stringify(row.body)
}
