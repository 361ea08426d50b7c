import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { parseRawKpis, toKpis } from '../lib/kpis.ts'

/** The home KPIs, counted by the database under the caller's RLS (control_tower_kpis). */
export async function getKpis(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('control_tower_kpis', { _project_id: projectId }).abortSignal(signal!)
  if (error) throw error
  return toKpis(parseRawKpis(data))
}

export type KpisData = Awaited<ReturnType<typeof getKpis>>

export const kpisQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.kpis.home(projectId),
  queryFn: ({ signal }) => getKpis(projectId, signal),
})

export const useKpis = (projectId: string) => useQuery(kpisQuery(projectId))
