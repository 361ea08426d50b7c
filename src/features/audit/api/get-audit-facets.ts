import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

const SAMPLE = 2000

/** The actors, actions and resource types seen in the organization's latest entries, for the filter menus. */
export async function getAuditFacets(orgId: string, signal?: AbortSignal) {
  let query = supabase.from('audit_logs').select('user_id, action, resource_type')
    .eq('organization_id', orgId).order('id', { ascending: false }).limit(SAMPLE)
  if (signal) query = query.abortSignal(signal)
  const { data, error } = await query
  if (error) throw error
  const people = await fetchPeople(data.map((r) => r.user_id), signal)
  const ids = [...new Set(data.map((r) => r.user_id).filter((id): id is string => !!id))]
  return {
    actions: [...new Set(data.map((r) => r.action))].sort(),
    resources: [...new Set(data.map((r) => r.resource_type))].sort(),
    /** `system` stands for entries written with no signed-in user (the engine, migrations, the service role). */
    actors: [
      ...ids.map((id) => ({ id, name: people.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
      ...(data.some((r) => !r.user_id) ? [{ id: 'system', name: 'System (no signed-in user)' }] : []),
    ],
  }
}

export const auditFacetsQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.audit.facets(orgId),
  queryFn: ({ signal }) => getAuditFacets(orgId, signal),
  staleTime: 60_000,
})

export const useAuditFacets = (orgId: string) => useQuery(auditFacetsQuery(orgId))
