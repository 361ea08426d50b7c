import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The organization's environments (every project), for the audit page's environment filter. */
export async function getAuditEnvironments(orgId: string, signal?: AbortSignal) {
  let query = supabase.from('environments')
    .select('id, key, display_name, position, projects!inner(name, organization_id)')
    .eq('projects.organization_id', orgId)
    .order('position')
  if (signal) query = query.abortSignal(signal)
  const { data, error } = await query
  if (error) throw error
  return data
    .map((e) => ({ id: e.id, label: `${e.projects.name} · ${e.display_name}`, project: e.projects.name, position: e.position }))
    .sort((a, b) => a.project.localeCompare(b.project) || a.position - b.position)
}

export const auditEnvironmentsQuery = (orgId: string) => queryOptions({
  queryKey: [...queryKeys.audit.facets(orgId), 'environments'] as const,
  queryFn: ({ signal }) => getAuditEnvironments(orgId, signal),
  staleTime: 5 * 60_000,
})

export const useAuditEnvironments = (orgId: string) => useQuery(auditEnvironmentsQuery(orgId))
