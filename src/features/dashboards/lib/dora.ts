/**
 * DORA metric presentation: names, how values read, and the performance band where DORA defines one.
 * Bands follow the clusters of the 2023 Accelerate State of DevOps Report (DORA); DORA describes clusters, not
 * cut-offs, so the boundaries below (where one cluster's range ends) are Opzenix's reading, listed in
 * docs/telemetry.md. Deployment rework rate was introduced in 2024 without performance clusters: no band.
 */
export const DORA_METRICS = ['deployment_frequency', 'change_lead_time', 'change_fail_rate', 'failed_deployment_recovery_time', 'deployment_rework_rate'] as const
export type DoraMetric = (typeof DORA_METRICS)[number]
export type Band = 'elite' | 'high' | 'medium' | 'low'

export const DORA_LABELS: Record<DoraMetric, string> = {
  deployment_frequency: 'Deployment frequency',
  change_lead_time: 'Change lead time',
  change_fail_rate: 'Change fail rate',
  failed_deployment_recovery_time: 'Failed deployment recovery time',
  deployment_rework_rate: 'Deployment rework rate',
}

const HOUR = 3600
const DAY = 24 * HOUR
const WEEK = 7 * DAY
const MONTH = 30 * DAY

/** Upper bounds (exclusive) of elite, high, medium for "lower is better" metrics; the band's words for each. */
const LOWER_IS_BETTER: Partial<Record<DoraMetric, { limits: [number, number, number]; words: Record<Band, string> }>> = {
  change_lead_time: { limits: [DAY, WEEK, MONTH], words: { elite: 'under a day', high: 'a day to a week', medium: 'a week to a month', low: 'a month or more' } },
  change_fail_rate: { limits: [0.05, 0.10, 0.15], words: { elite: 'up to 5%', high: 'up to 10%', medium: 'up to 15%', low: 'above 15%' } },
  failed_deployment_recovery_time: { limits: [HOUR, DAY, WEEK], words: { elite: 'under an hour', high: 'under a day', medium: 'a day to a week', low: 'a week or more' } },
}

/** The DORA band of a figure, or null when DORA defines none for the metric or there is no figure. */
export function doraBand(metric: DoraMetric, value: number | null): { band: Band; range: string } | null {
  if (value == null || !Number.isFinite(value)) return null
  if (metric === 'deployment_frequency') {
    // Per day: on demand (daily or more) · daily to weekly · weekly to monthly · less than monthly.
    const band: Band = value >= 1 ? 'elite' : value >= 1 / 7 ? 'high' : value >= 1 / 30 ? 'medium' : 'low'
    const words = { elite: 'daily or more', high: 'weekly to daily', medium: 'monthly to weekly', low: 'less than monthly' }
    return { band, range: words[band] }
  }
  const rule = LOWER_IS_BETTER[metric]
  if (!rule) return null
  const [elite, high, medium] = rule.limits
  const cmp = metric === 'change_fail_rate' ? (limit: number) => value <= limit : (limit: number) => value < limit
  const band: Band = cmp(elite) ? 'elite' : cmp(high) ? 'high' : cmp(medium) ? 'medium' : 'low'
  return { band, range: rule.words[band] }
}

/** A figure as people read it: "1.4 per day", "2 h 10 min", "12%". */
export function formatDora(unit: string, value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '—'
  if (unit === 'per_day') return value >= 1 || value === 0 ? `${round(value)} per day` : `${round(value * 7)} per week`
  if (unit === 'ratio') return `${round(value * 100)}%`
  if (unit === 'seconds') return formatSeconds(value)
  return String(round(value))
}

/** A short axis tick: "2/d", "26%", "33m", "1.1h", "3d". */
export function formatDoraTick(unit: string, value: number): string {
  if (unit === 'ratio') return `${Math.round(value * 100)}%`
  if (unit === 'per_day') return `${round(value)}/d`
  if (unit !== 'seconds') return String(round(value))
  if (value < 60) return `${Math.round(value)}s`
  if (value < HOUR) return `${Math.round(value / 60)}m`
  if (value < 2 * DAY) return `${round(value / HOUR)}h`
  return `${round(value / DAY)}d`
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${minutes % 60} min`
  return `${round(seconds / DAY)} days`
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}

/** Why a metric has no figure, in the words of its definition. */
export function emptyReason(metric: DoraMetric, where: string): string {
  switch (metric) {
    case 'deployment_frequency':
    case 'change_fail_rate':
    case 'deployment_rework_rate':
      return `No finished deployments to ${where} in this window.`
    case 'change_lead_time':
      return `No successful deployment to ${where} in this window with a known commit.`
    case 'failed_deployment_recovery_time':
      return `No recovered failed deployment to ${where} in this window.`
  }
}
