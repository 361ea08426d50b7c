import type { Enums } from '../../../integrations/supabase/types.ts'

export type ConnectionStatus = Enums<'connection_status'>
export const STATUSES: ConnectionStatus[] = ['healthy', 'degraded', 'down', 'unknown']

export interface StatusSummary {
  total: number
  counts: Record<ConnectionStatus, number>
  /** The worst status present: down > degraded > unknown > healthy; null with no connections. */
  worst: ConnectionStatus | null
  /** Connections per type, in first-seen order. */
  types: { type: string; count: number }[]
}

const severity: Record<ConnectionStatus, number> = { down: 3, degraded: 2, unknown: 1, healthy: 0 }

export function summarize(rows: { type: string; status: ConnectionStatus }[]): StatusSummary {
  const counts: Record<ConnectionStatus, number> = { healthy: 0, degraded: 0, down: 0, unknown: 0 }
  const types = new Map<string, number>()
  let worst: ConnectionStatus | null = null
  for (const row of rows) {
    counts[row.status] += 1
    types.set(row.type, (types.get(row.type) ?? 0) + 1)
    if (worst === null || severity[row.status] > severity[worst]) worst = row.status
  }
  return { total: rows.length, counts, worst, types: [...types].map(([type, count]) => ({ type, count })) }
}

export interface HealthEvent {
  id: number
  status: ConnectionStatus
  response_time_ms: number | null
  message: string | null
  checked_at: string
}

export interface ChartPoint {
  id: number
  /** Epoch milliseconds of the check. */
  at: number
  status: ConnectionStatus
  /** Response time, or null when the check recorded none. */
  ms: number | null
  message: string | null
}

/** Health events (any order) as chart points, oldest first. */
export function chartPoints(events: HealthEvent[]): ChartPoint[] {
  return events
    .map((e) => ({ id: e.id, at: new Date(e.checked_at).getTime(), status: e.status, ms: e.response_time_ms, message: e.message }))
    .sort((a, b) => a.at - b.at || a.id - b.id)
}

/** Median and maximum response time of the checks that recorded one. */
export function responseStats(points: ChartPoint[]): { median: number | null; max: number | null; count: number } {
  const values = points.map((p) => p.ms).filter((v): v is number => v != null).sort((a, b) => a - b)
  if (values.length === 0) return { median: null, max: null, count: 0 }
  const mid = Math.floor(values.length / 2)
  const median = values.length % 2 ? values[mid]! : Math.round((values[mid - 1]! + values[mid]!) / 2)
  return { median, max: values[values.length - 1]!, count: values.length }
}
