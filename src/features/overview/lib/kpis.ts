const RAW_KEYS = ['running', 'waiting', 'succeeded_7d', 'failed_7d', 'finished_7d'] as const

/** What `control_tower_kpis` returns (counts arrive as JSON numbers). */
export type RawKpis = Record<(typeof RAW_KEYS)[number], number>

/**
 * Checks the function's answer by hand: zod would put ~50 KB of gzip into the first route for five numbers.
 * Throws on anything but five non-negative integer counts.
 */
export function parseRawKpis(data: unknown): RawKpis {
  const row = (data ?? {}) as Record<string, unknown>
  for (const key of RAW_KEYS) {
    const value = row[key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`control_tower_kpis answered ${key} = ${JSON.stringify(value)}; expected a count`)
    }
  }
  return row as RawKpis
}

export interface Kpis {
  running: number
  waiting: number
  failed: number
  finished: number
  /** Share of finished runs that succeeded (warnings included), 0–1; null when nothing finished. */
  successRate: number | null
}

export function toKpis(raw: RawKpis): Kpis {
  return {
    running: raw.running,
    waiting: raw.waiting,
    failed: raw.failed_7d,
    finished: raw.finished_7d,
    successRate: raw.finished_7d === 0 ? null : Math.min(1, raw.succeeded_7d / raw.finished_7d),
  }
}

/** 97%, 99.5%, 100%: one decimal only where rounding would hide a failure (never shows 100% unless it is). */
export function formatRate(rate: number | null): string {
  if (rate == null) return '—'
  const pct = rate * 100
  if (pct === 100 || pct === 0) return `${pct}%`
  const whole = Math.round(pct)
  if (whole === 100) return `${Math.min(99.9, Math.floor(pct * 10) / 10)}%`
  if (whole === 0) return `${Math.max(0.1, Math.ceil(pct * 10) / 10)}%`
  return `${whole}%`
}

export type RateTone = 'neutral' | 'success' | 'warning' | 'danger'

/** How the success rate reads at a glance: ≥ 95% healthy, ≥ 80% watch, below that failing. */
export function rateTone(rate: number | null): RateTone {
  if (rate == null) return 'neutral'
  if (rate >= 0.95) return 'success'
  if (rate >= 0.8) return 'warning'
  return 'danger'
}

/** Thousands grouped ("1,204"), so big counts stay readable. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}
