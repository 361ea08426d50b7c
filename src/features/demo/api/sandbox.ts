import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The organization's sandbox row (its expiry), or null for a real organization. */
export async function getSandbox(organizationId: string, signal: AbortSignal) {
  const { data, error } = await supabase.from('sandboxes').select('organization_id, expires_at')
    .eq('organization_id', organizationId).abortSignal(signal).maybeSingle()
  if (error) throw error
  return data
}

export const sandboxOptions = (organizationId: string) => queryOptions({
  queryKey: queryKeys.demo.sandbox(organizationId),
  queryFn: ({ signal }) => getSandbox(organizationId, signal),
  staleTime: Infinity,
})

export function useSandbox(organizationId: string | undefined) {
  return useQuery({ ...sandboxOptions(organizationId ?? ''), enabled: Boolean(organizationId) })
}
