import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** One connection as the caller may see it; null when it does not exist or is another organization's. */
export async function getConnection(id: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('connections')
    .select('id, organization_id, type, name, status, config, secret_ref, validated, last_validated_at, created_at, updated_at')
    .eq('id', id).abortSignal(signal!).maybeSingle()
  if (error) throw error
  return data
}

export type ConnectionDetail = NonNullable<Awaited<ReturnType<typeof getConnection>>>

export const connectionQuery = (id: string) => queryOptions({
  queryKey: queryKeys.connections.detail(id),
  queryFn: ({ signal }) => getConnection(id, signal),
})

export const useConnection = (id: string) => useQuery(connectionQuery(id))
