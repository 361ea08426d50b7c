import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'
import type { AuditFilter } from '../lib/audit-filter.ts'

export type { AuditFilter } from '../lib/audit-filter.ts'

export const AUDIT_PAGE_SIZE = 25

/** One page of the organization's audit trail, newest first (RLS shows it to the organization's admins only). */
export async function getAuditLogs(orgId: string, filter: AuditFilter, page: number, signal?: AbortSignal) {
  const from = page * AUDIT_PAGE_SIZE
  let query = supabase.from('audit_logs')
    .select('id, user_id, actor_role, action, resource_type, resource_id, details, before, after, created_at, hash', { count: 'exact' })
    .eq('organization_id', orgId)
  if (filter.actor === 'system') query = query.is('user_id', null)
  else if (filter.actor) query = query.eq('user_id', filter.actor)
  if (filter.action) query = query.eq('action', filter.action)
  if (filter.resource) query = query.eq('resource_type', filter.resource)
  if (filter.resource && filter.resourceId) query = query.eq('resource_id', filter.resourceId)
  if (filter.environment) {
    // The same rule as audit-export: entries about the environment, or naming it as environment_id.
    const id = filter.environment
    query = query.or(`resource_id.eq.${id},before->>environment_id.eq.${id},after->>environment_id.eq.${id}`)
  }
  if (filter.from) query = query.gte('created_at', filter.from)
  if (filter.to) query = query.lt('created_at', filter.to)
  if (filter.entry) query = query.eq('id', Number(filter.entry))
  if (signal) query = query.abortSignal(signal)
  const { data, error, count } = await query.order('id', { ascending: false }).range(from, from + AUDIT_PAGE_SIZE - 1)
  if (error) throw error
  const people = await fetchPeople(data.map((r) => r.user_id), signal)
  return {
    rows: data.map((r) => ({ ...r, actorName: r.user_id ? people.get(r.user_id) ?? r.user_id : null })),
    total: count ?? data.length,
  }
}

export type AuditRow = Awaited<ReturnType<typeof getAuditLogs>>['rows'][number]

export const auditLogsQuery = (orgId: string, filter: AuditFilter, page: number) => queryOptions({
  // The factory's key for action/resource, refined by the other filters (all under queryKeys.audit.all).
  queryKey: [...queryKeys.audit.filtered(orgId, filter.action, filter.resource, page), {
    actor: filter.actor, resourceId: filter.resourceId, environment: filter.environment, from: filter.from, to: filter.to, entry: filter.entry,
  }] as const,
  queryFn: ({ signal }) => getAuditLogs(orgId, filter, page, signal),
  placeholderData: (previous) => previous,
})

export const useAuditLogs = (orgId: string, filter: AuditFilter, page: number) => useQuery(auditLogsQuery(orgId, filter, page))
