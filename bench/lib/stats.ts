/** The p-th percentile (0–100) of `values` by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export interface Summary {
  n: number
  min: number
  median: number
  p95: number
  p99: number
  max: number
}

/** Distribution of `values` (milliseconds, usually), rounded to 0.01. */
export function summarize(values: readonly number[]): Summary {
  const round = (x: number) => Math.round(x * 100) / 100
  return {
    n: values.length,
    min: round(Math.min(...values)),
    median: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
  }
}
