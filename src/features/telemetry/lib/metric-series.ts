// Turns telemetry_metric_series buckets into chart rows: one row per bucket time, one column per service.

export interface Bucket {
  bucket: string
  service_name: string
  kind: string
  unit: string | null
  value_avg: number | null
  count_total: number | null
  sum_total: number | null
}

export type SeriesField = 'value_avg' | 'count_total' | 'sum_total'

export const FIELD_LABELS = {
  value_avg: 'Average value per bucket',
  count_total: 'Count (sum of the points\' counts per bucket)',
  sum_total: 'Sum (sum of the points\' sums per bucket)',
} as const satisfies Record<SeriesField, string>

export interface Chart {
  field: SeriesField
  services: string[]
  rows: Array<{ t: number } & Record<string, number | null>>
}

/** The fields the stored points carry: gauges and sums a value; histograms and summaries count and sum. */
export function fieldsOf(buckets: readonly Bucket[]): SeriesField[] {
  const fields: SeriesField[] = ['value_avg', 'count_total', 'sum_total']
  return fields.filter((f) => buckets.some((b) => b[f] != null))
}

export function chartOf(buckets: readonly Bucket[], field: SeriesField): Chart {
  const services = [...new Set(buckets.filter((b) => b[field] != null).map((b) => b.service_name || '(no service)'))].sort()
  const rows = new Map<number, { t: number } & Record<string, number | null>>()
  for (const b of buckets) {
    if (b[field] == null) continue
    const t = new Date(b.bucket).getTime()
    const row = rows.get(t) ?? { t }
    const service = b.service_name || '(no service)'
    // Two kinds under one name and service (rare) add up rather than overwrite each other.
    row[service] = (row[service] ?? 0) + Number(b[field])
    rows.set(t, row)
  }
  return { field, services, rows: [...rows.values()].sort((a, b) => a.t - b.t) }
}
