// The signals table's filters live in the URL (shareable): ?type=&service=&name=&trace_id=&window=&page=.
// `trace` (the opened waterfall), `span`, `tab` and `metric` are the page's other params and are left alone.

export const SIGNAL_TYPES = ['trace', 'metric', 'log'] as const
export type SignalType = (typeof SIGNAL_TYPES)[number]

export const TIME_WINDOWS = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000, bucketSeconds: 15 },
  '1h': { label: 'Last hour', ms: 60 * 60_000, bucketSeconds: 60 },
  '24h': { label: 'Last 24 hours', ms: 24 * 60 * 60_000, bucketSeconds: 30 * 60 },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000, bucketSeconds: 3 * 60 * 60 },
} as const satisfies Record<string, { label: string; ms: number; bucketSeconds: number }>
export type TimeWindow = keyof typeof TIME_WINDOWS
export const DEFAULT_WINDOW: TimeWindow = '24h'

export interface SignalFilter {
  /** '' for every type. */
  type: SignalType | ''
  service: string
  /** Part of the signal's name, case-insensitive. */
  name: string
  /** A trace id or its beginning: lowercase hex; dashes are dropped so a run's uuid works too. */
  traceId: string
  window: TimeWindow
  page: number
}

export const EMPTY_FILTER: SignalFilter = { type: '', service: '', name: '', traceId: '', window: DEFAULT_WINDOW, page: 0 }

const KEYS = { type: 'type', service: 'service', name: 'name', traceId: 'trace_id', window: 'window', page: 'page' } as const

/** Keeps the hex digits of a pasted trace id (or execution uuid), at most 32. */
export function normalizeTraceId(value: string): string {
  return value.toLowerCase().replace(/[^0-9a-f]/g, '').slice(0, 32)
}

export function parseFilter(params: URLSearchParams): SignalFilter {
  const type = params.get(KEYS.type) ?? ''
  const window = params.get(KEYS.window) ?? ''
  const page = Number(params.get(KEYS.page))
  return {
    type: (SIGNAL_TYPES as readonly string[]).includes(type) ? type as SignalType : '',
    service: params.get(KEYS.service)?.trim() ?? '',
    name: params.get(KEYS.name)?.trim() ?? '',
    traceId: normalizeTraceId(params.get(KEYS.traceId) ?? ''),
    window: window in TIME_WINDOWS ? window as TimeWindow : DEFAULT_WINDOW,
    page: Number.isInteger(page) && page > 0 ? page - 1 : 0,
  }
}

/**
 * `base` with the filter written into it: defaults are left out so a plain /telemetry stays plain; the page
 * is 1-based in the URL. Params that are not filters are kept.
 */
export function filterToParams(filter: SignalFilter, base = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base)
  const values: Record<keyof SignalFilter, string> = {
    type: filter.type, service: filter.service.trim(), name: filter.name.trim(), traceId: normalizeTraceId(filter.traceId),
    window: filter.window === DEFAULT_WINDOW ? '' : filter.window, page: filter.page > 0 ? String(filter.page + 1) : '',
  }
  for (const key of Object.keys(KEYS) as (keyof SignalFilter)[]) {
    if (values[key]) params.set(KEYS[key], values[key])
    else params.delete(KEYS[key])
  }
  return params
}

/** A filter change goes back to the first page, unless it is the page that changed. */
export function changeFilter(filter: SignalFilter, change: Partial<SignalFilter>): SignalFilter {
  return { ...filter, ...change, page: change.page ?? 0 }
}

/** A stable string for query keys: the filter without its page. */
export function filterKey(filter: SignalFilter): string {
  return JSON.stringify([filter.type, filter.service, filter.name, filter.traceId, filter.window])
}

/** The earliest observed_at the window includes, at `now`. */
export function windowStart(window: TimeWindow, now: number): Date {
  return new Date(now - TIME_WINDOWS[window].ms)
}

/** Escapes LIKE wildcards so a typed name matches literally inside `%…%`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export interface FilterableSignal {
  signal_type: string
  service_name: string | null
  name: string | null
  otel_trace_id: string | null
  observed_at: string
}

/** Whether a signal that arrived live belongs in the filtered table (the same rules the query applies). */
export function matchesFilter(row: FilterableSignal, filter: SignalFilter, now: number): boolean {
  if (filter.type && row.signal_type !== filter.type) return false
  if (filter.service && row.service_name !== filter.service) return false
  if (filter.name && !(row.name ?? '').toLowerCase().includes(filter.name.toLowerCase())) return false
  if (filter.traceId && !(row.otel_trace_id ?? '').startsWith(filter.traceId)) return false
  return new Date(row.observed_at).getTime() >= windowStart(filter.window, now).getTime()
}
