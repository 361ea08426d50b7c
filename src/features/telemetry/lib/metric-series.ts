// Turns telemetry_metric_series buckets into chart rows: one row per bucket time, one column per service.

export interface Bucket {
  bucket: string
  service_name: string
  kind: string
  unit: string | null
  value_avg: number | null
  count_total: number | null
  sum_total: number | null
  /** Averages of the payload's other numeric fields (points not stored in OTLP's shape). */
  fields: unknown
}

const STANDARD = {
  value_avg: 'Average value per bucket',
  count_total: 'Count (the points\' counts added up per bucket)',
  sum_total: 'Sum (the points\' sums added up per bucket)',
} as const

/** A standard column, or `payload.<key>` for another numeric payload field. */
export type SeriesField = keyof typeof STANDARD | `payload.${string}`

export function fieldLabel(field: SeriesField): string {
  return field.startsWith('payload.') ? `${field.slice('payload.'.length)} (average per bucket)` : STANDARD[field as keyof typeof STANDARD]
}

const extra = (b: Bucket): Record<string, number> =>
  (b.fields && typeof b.fields === 'object' && !Array.isArray(b.fields) ? b.fields as Record<string, number> : {})

function read(b: Bucket, field: SeriesField): number | null {
  const v = field.startsWith('payload.') ? extra(b)[field.slice('payload.'.length)] : b[field as keyof typeof STANDARD]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export interface Chart {
  field: SeriesField
  services: string[]
  rows: Array<{ t: number } & Record<string, number | null>>
}

/** The fields the stored points carry: gauges and sums a value; histograms and summaries count and sum; then any other numeric field. */
export function fieldsOf(buckets: readonly Bucket[]): SeriesField[] {
  const standard = (Object.keys(STANDARD) as SeriesField[]).filter((f) => buckets.some((b) => read(b, f) != null))
  const others = [...new Set(buckets.flatMap((b) => Object.keys(extra(b))))].sort().map((k) => `payload.${k}` as SeriesField)
  return [...standard, ...others]
}

export function chartOf(buckets: readonly Bucket[], field: SeriesField): Chart {
  const rows = new Map<number, { t: number } & Record<string, number | null>>()
  const services = new Set<string>()
  for (const b of buckets) {
    const value = read(b, field)
    if (value == null) continue
    const t = new Date(b.bucket).getTime()
    const row = rows.get(t) ?? { t }
    const service = b.service_name || '(no service)'
    services.add(service)
    // Two kinds under one name and service (rare) add up rather than overwrite each other.
    row[service] = (row[service] ?? 0) + value
    rows.set(t, row)
  }
  return { field, services: [...services].sort(), rows: [...rows.values()].sort((a, b) => a.t - b.t) }
}
