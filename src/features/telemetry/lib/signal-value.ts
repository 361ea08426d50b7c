import { formatDuration } from '../../../lib/format.ts'

interface ValueFields {
  signal_type: string
  duration_ms: number | null
  payload: unknown
}

const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN)
const compact = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toLocaleString('en', { maximumFractionDigits: 3 }))
const METRIC_META = new Set(['unit', 'description', 'aggregationTemporality', 'isMonotonic', 'flags', 'scope', 'asInt', 'asDouble'])

/**
 * The table's "Duration / value" cell: a span's duration; a metric point's value, else its count and sum, else
 * its other numeric fields; a log's body.
 */
export function signalValue(row: ValueFields): string {
  const payload = row.payload && typeof row.payload === 'object' && !Array.isArray(row.payload) ? row.payload as Record<string, unknown> : {}
  if (row.signal_type === 'trace') return formatDuration(row.duration_ms)
  if (row.signal_type === 'metric') {
    const unit = typeof payload.unit === 'string' && payload.unit ? ` ${payload.unit}` : ''
    const value = number(payload.value)
    if (Number.isFinite(value)) return `${compact(value)}${unit}`
    const count = number(payload.count)
    const sum = number(payload.sum)
    if (Number.isFinite(count) || Number.isFinite(sum)) {
      return [Number.isFinite(count) ? `count ${compact(count)}` : '', Number.isFinite(sum) ? `sum ${compact(sum)}${unit}` : ''].filter(Boolean).join(' · ')
    }
    const others = Object.entries(payload).filter(([k, v]) => !METRIC_META.has(k) && typeof v === 'number').map(([k, v]) => `${k} ${compact(v as number)}`)
    return others.join(' · ') || '—'
  }
  if (payload.body == null) return '—'
  return typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body)
}
