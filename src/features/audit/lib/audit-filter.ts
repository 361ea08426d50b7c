// The audit page's filters live in the URL so a view can be shared: ?actor=&action=&resource=&resource_id=
// &environment=&from=&to=&entry=&page= (page is 1-based; from/to are ISO instants, to exclusive).

export interface AuditFilter {
  /** A user id, 'system' (no signed-in actor), or '' for everyone. */
  actor: string
  /** '' for every action. */
  action: string
  /** A resource type ('' for every one). */
  resource: string
  /** One resource's id: its history. Only meaningful with `resource`. */
  resourceId: string
  /** An environment id: entries about it or naming it. */
  environment: string
  /** ISO instants, '' when open. `to` is exclusive. */
  from: string
  to: string
  /** One entry by id (the chain status links the first broken one). */
  entry: string
}

export const emptyAuditFilter: AuditFilter = { actor: '', action: '', resource: '', resourceId: '', environment: '', from: '', to: '', entry: '' }

const PARAMS = {
  actor: 'actor', action: 'action', resource: 'resource', resourceId: 'resource_id',
  environment: 'environment', from: 'from', to: 'to', entry: 'entry',
} as const satisfies Record<keyof AuditFilter, string>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TEXT = /^[^\u0000-\u001f]{1,200}$/
const valid: Record<keyof AuditFilter, (value: string) => boolean> = {
  actor: (v) => v === 'system' || UUID.test(v),
  action: (v) => TEXT.test(v),
  resource: (v) => TEXT.test(v),
  resourceId: (v) => TEXT.test(v),
  environment: (v) => UUID.test(v),
  from: (v) => !Number.isNaN(Date.parse(v)),
  to: (v) => !Number.isNaN(Date.parse(v)),
  entry: (v) => /^[1-9]\d{0,15}$/.test(v),
}

/** The filter and 0-based page a URL describes; a value that cannot be right (a hand-edited link) is ignored. */
export function parseAuditParams(params: URLSearchParams): { filter: AuditFilter; page: number } {
  const filter = { ...emptyAuditFilter }
  for (const key of Object.keys(PARAMS) as Array<keyof AuditFilter>) {
    const value = params.get(PARAMS[key])?.trim() ?? ''
    if (value && valid[key](value)) filter[key] = value
  }
  if (!filter.resource) filter.resourceId = ''
  const page = Number(params.get('page'))
  return { filter, page: Number.isInteger(page) && page >= 1 ? page - 1 : 0 }
}

/** `current` with the filter and page written over the audit parameters (others are kept). */
export function auditParams(filter: AuditFilter, page: number, current = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(current)
  for (const key of Object.keys(PARAMS) as Array<keyof AuditFilter>) {
    if (filter[key]) next.set(PARAMS[key], filter[key])
    else next.delete(PARAMS[key])
  }
  if (page > 0) next.set('page', String(page + 1))
  else next.delete('page')
  return next
}

/** Applies a change: a new resource type forgets the resource id picked under the old one. */
export function changeFilter(filter: AuditFilter, change: Partial<AuditFilter>): AuditFilter {
  const next = { ...filter, ...change }
  if (change.resource !== undefined && change.resource !== filter.resource && change.resourceId === undefined) next.resourceId = ''
  return next
}

export const isFiltered = (filter: AuditFilter) => Object.values(filter).some(Boolean)

/** The audit-export function's parameters for the current filters (`entry` is a way to look, not a range to export). */
export function exportParams(orgId: string, filter: AuditFilter): Record<string, string> {
  const params: Record<string, string> = { organization_id: orgId }
  if (filter.actor) params.actor = filter.actor
  if (filter.action) params.action = filter.action
  if (filter.resource) params.resource_type = filter.resource
  if (filter.resource && filter.resourceId) params.resource_id = filter.resourceId
  if (filter.environment) params.environment = filter.environment
  if (filter.from) params.from = new Date(filter.from).toISOString()
  if (filter.to) params.to = new Date(filter.to).toISOString()
  return params
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as a `datetime-local` input's value, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A `datetime-local` value (browser time zone) as an ISO instant; '' stays ''. */
export function fromLocalInput(value: string): string {
  if (!value) return ''
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '' : d.toISOString()
}
