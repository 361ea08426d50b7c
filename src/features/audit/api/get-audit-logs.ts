import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const AUDIT_PAGE_SIZE = 25

export interface AuditFilter {
  /** '' for every action. */
  action: string
  /** '' for every resource type. */
  resource: string
}

/** One page of the organization's audit trail, newest first (RLS shows it to the organization's admins only). */
export async function getAuditLogs(orgId: string, filter: AuditFilter, page: number, signal?: AbortSignal) {
  const from = page * AUDIT_PAGE_SIZE
  let query = supabase.from('audit_logs')
    .select('id, user_id, actor_role, action, resource_type, resource_id, details, before, after, created_at, hash', { count: 'exact' })
    .eq('organization_id', orgId)
  if (filter.action) query = query.eq('action', filter.action)
  if (filter.resource) query = query.eq('resource_type', filter.resource)
  const { data, error, count } = await query.order('id', { ascending: false }).range(from, from + AUDIT_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((r) => r.user_id), signal)
  return {
    rows: data.map((r) => ({ ...r, actorName: r.user_id ? people.get(r.user_id) ?? r.user_id : null })),
    total: count ?? data.length,
  }
}

export type AuditRow = Awaited<ReturnType<typeof getAuditLogs>>['rows'][number]

export const auditLogsQuery = (orgId: string, filter: AuditFilter, page: number) => queryOptions({
  queryKey: queryKeys.audit.filtered(orgId, filter.action, filter.resource, page),
  queryFn: ({ signal }) => getAuditLogs(orgId, filter, page, signal),
  placeholderData: (previous) => previous,
})

export const useAuditLogs = (orgId: string, filter: AuditFilter, page: number) => useQuery(auditLogsQuery(orgId, filter, page))
