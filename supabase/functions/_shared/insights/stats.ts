// Small statistics for the offline analyzer: median, median absolute deviation, and an exponentially
// weighted moving average with its variance (for anomaly scores on telemetry series).

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Median absolute deviation scaled to estimate a standard deviation (×1.4826 for normal data). */
export function mad(values: number[]): number {
  const m = median(values)
  return 1.4826 * median(values.map((v) => Math.abs(v - m)))
}

export interface EwmaPoint {
  value: number
  /** The average before this point was added (what it was compared with). */
  expected: number
  /** Standard deviations from the expectation; 0 while warming up or when the series is flat. */
  z: number
}

/** Walks the series with an EWMA of mean and variance; each point is scored against the state before it. */
export function ewmaScores(values: number[], alpha = 0.3, warmup = 5): EwmaPoint[] {
  let mean = 0
  let variance = 0
  return values.map((value, i) => {
    if (i === 0) {
      mean = value
      return { value, expected: value, z: 0 }
    }
    const expected = mean
    const sd = Math.sqrt(variance)
    // A flat history has no spread: any departure from it is as unusual as it gets, scored as the relative change.
    const z = i < warmup ? 0 : sd > 1e-9 ? (value - expected) / sd : value === expected ? 0 : Math.sign(value - expected) * Infinity
    const diff = value - mean
    mean += alpha * diff
    variance = (1 - alpha) * (variance + alpha * diff * diff)
    return { value, expected, z }
  })
}
