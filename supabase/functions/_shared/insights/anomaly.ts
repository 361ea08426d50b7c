// Telemetry anomalies: latency and error rate per time bucket, each scored with an EWMA z-score against the
// buckets before it. Only rises are reported: faster and healthier are not incidents.
import { ewmaScores, median } from './stats.ts'

export interface Sample {
  at: string
  duration_ms: number | null
  failed: boolean
}

export interface Bucket {
  start: string
  count: number
  errors: number
  /** Median duration of the bucket's samples that have one; null when none has. */
  latency_ms: number | null
}

export interface Anomaly {
  metric: 'latency' | 'error_rate'
  bucket: string
  value: number
  expected: number
  z: number
}

export interface AnomalyOptions {
  alpha: number
  /** Minimum z-score reported. */
  threshold: number
  /** Buckets scored only after this many (the average needs history). */
  warmup: number
}

export const DEFAULT_ANOMALY: AnomalyOptions = { alpha: 0.3, threshold: 3, warmup: 5 }

/** Groups samples into consecutive buckets of `bucketMs` (empty buckets between samples included). */
export function bucketize(samples: Sample[], bucketMs: number): Bucket[] {
  if (samples.length === 0) return []
  const times = samples.map((s) => Date.parse(s.at))
  const first = Math.floor(Math.min(...times) / bucketMs) * bucketMs
  const last = Math.floor(Math.max(...times) / bucketMs) * bucketMs
  const buckets: Array<{ start: number; durations: number[]; count: number; errors: number }> = []
  for (let start = first; start <= last; start += bucketMs) buckets.push({ start, durations: [], count: 0, errors: 0 })
  samples.forEach((sample, i) => {
    const bucket = buckets[Math.floor((times[i] - first) / bucketMs)]
    bucket.count++
    if (sample.failed) bucket.errors++
    if (sample.duration_ms !== null) bucket.durations.push(sample.duration_ms)
  })
  return buckets.map((b) => {
    const sorted = [...b.durations].sort((x, y) => x - y)
    const mid = Math.floor(sorted.length / 2)
    const latency = sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    return { start: new Date(b.start).toISOString(), count: b.count, errors: b.errors, latency_ms: latency }
  })
}

/** Buckets whose latency or error rate rose at least `threshold` EWMA standard deviations above expectation. */
export function telemetryAnomalies(buckets: Bucket[], options: Partial<AnomalyOptions> = {}): Anomaly[] {
  const o = { ...DEFAULT_ANOMALY, ...options }
  const out: Anomaly[] = []
  const scan = (metric: Anomaly['metric'], series: Array<{ bucket: string; value: number }>) => {
    ewmaScores(series.map((p) => p.value), o.alpha, o.warmup).forEach((score, i) => {
      if (score.z >= o.threshold) {
        out.push({ metric, bucket: series[i].bucket, value: score.value, expected: round(score.expected), z: Number.isFinite(score.z) ? round(score.z) : score.z })
      }
    })
  }
  scan('latency', buckets.filter((b) => b.latency_ms !== null).map((b) => ({ bucket: b.start, value: b.latency_ms! })))
  scan('error_rate', buckets.filter((b) => b.count > 0).map((b) => ({ bucket: b.start, value: round(b.errors / b.count) })))
  return out.sort((a, b) => a.bucket.localeCompare(b.bucket) || a.metric.localeCompare(b.metric))
}

const round = (n: number) => Math.round(n * 100) / 100

export interface Trend {
  metric: 'latency' | 'error_rate'
  /** Median of the earlier half of the buckets, and of the later half. */
  before: number
  after: number
}

/**
 * Whether latency or error rate moved between the earlier and the later half of the buckets (at least 4 with
 * data): latency by 20% or more, error rate by 10 points or more. Falls are trends too (an improvement).
 */
export function trends(buckets: Bucket[]): Trend[] {
  const out: Trend[] = []
  const halves = (values: number[]) => {
    const mid = Math.floor(values.length / 2)
    return [median(values.slice(0, mid)), median(values.slice(values.length - mid))] as const
  }
  const latency = buckets.filter((b) => b.latency_ms !== null).map((b) => b.latency_ms!)
  if (latency.length >= 4) {
    const [before, after] = halves(latency)
    if (before > 0 && Math.abs(after - before) / before >= 0.2) out.push({ metric: 'latency', before, after })
  }
  const rates = buckets.filter((b) => b.count > 0).map((b) => b.errors / b.count)
  if (rates.length >= 4) {
    const [before, after] = halves(rates)
    if (Math.abs(after - before) >= 0.1) out.push({ metric: 'error_rate', before: round(before), after: round(after) })
  }
  return out
}
