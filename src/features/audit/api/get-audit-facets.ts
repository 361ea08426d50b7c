import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

const SAMPLE = 2000

/** The actions and resource types seen in the organization's latest entries, for the filter menus. */
export async function getAuditFacets(orgId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('audit_logs').select('action, resource_type')
    .eq('organization_id', orgId).order('id', { ascending: false }).limit(SAMPLE).abortSignal(signal!)
  if (error) throw error
  return {
    actions: [...new Set(data.map((r) => r.action))].sort(),
    resources: [...new Set(data.map((r) => r.resource_type))].sort(),
  }
}

export const auditFacetsQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.audit.facets(orgId),
  queryFn: ({ signal }) => getAuditFacets(orgId, signal),
  staleTime: 60_000,
})

export const useAuditFacets = (orgId: string) => useQuery(auditFacetsQuery(orgId))
