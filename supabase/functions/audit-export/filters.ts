// Which audit rows an export covers: the organization (required), who, what, which resource or environment
// and when, from a GET query string or a POST JSON body. Pure, so vitest and Deno can both test it.
import { z } from 'zod'

const text = (max: number) => z.string().trim().min(1).max(max)
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()])

export const exportFilter = z.object({
  organization_id: z.guid(),
  format: z.enum(['csv', 'json']).default('csv'),
  /** A user id, or `system` for changes made with no signed-in user (service role, migrations). */
  actor: z.union([z.guid(), z.literal('system')]).optional(),
  action: text(100).optional(),
  resource_type: text(100).optional(),
  resource_id: text(200).optional(),
  /** An environment id: rows about the environment itself or naming it as environment_id. */
  environment: z.guid().optional(),
  /** Inclusive. A date alone means that day's start (UTC). */
  from: instant.optional(),
  /** Exclusive. A date alone means the end of that day (UTC), so from=to=a date is that whole day. */
  to: instant.optional(),
}).strict()

export type ExportFilter = z.output<typeof exportFilter>

export interface Range {
  /** ISO instants, or undefined when open. `to` is exclusive. */
  from?: string
  to?: string
}

const DAY = 86_400_000
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

/** The filter's time range as instants: a date-only `to` covers its whole day. */
export function timeRange(filter: Pick<ExportFilter, 'from' | 'to'>): Range {
  const from = filter.from === undefined ? undefined : new Date(isDate(filter.from) ? `${filter.from}T00:00:00Z` : filter.from)
  const to = filter.to === undefined ? undefined : new Date(isDate(filter.to) ? Date.parse(`${filter.to}T00:00:00Z`) + DAY : filter.to)
  return { from: from?.toISOString(), to: to?.toISOString() }
}

export type FilterResult =
  | { ok: true; filter: ExportFilter; range: Range }
  | { ok: false; message: string; details: Array<{ path: string; message: string }> }

/** Validates raw input (query parameters or a JSON body); empty strings count as absent, as a form sends them. */
export function parseFilter(raw: unknown): FilterResult {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw)
    ? Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== null && value !== undefined))
    : raw
  const parsed = exportFilter.safeParse(input)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.code === 'unrecognized_keys' ? `unknown filter ${i.keys.join(', ')}` : i.message,
    }))
    return { ok: false, message: details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '), details }
  }
  const range = timeRange(parsed.data)
  if (range.from && range.to && range.from >= range.to) {
    const message = 'from must be before to'
    return { ok: false, message, details: [{ path: 'to', message }] }
  }
  return { ok: true, filter: parsed.data, range }
}

/** Query parameters as an object; a parameter given twice is refused rather than silently picked. */
export function searchParamsObject(params: URLSearchParams): { value: Record<string, string>; repeated?: string } {
  const value: Record<string, string> = {}
  for (const [key, item] of params) {
    if (key in value) return { value, repeated: key }
    value[key] = item
  }
  return { value }
}
