import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { parseLayout, type Layout } from '../lib/layout.ts'

/** The caller's saved layout for the project (their is_default row), or null when they never saved one. */
export async function getDashboardLayout(userId: string, projectId: string, signal?: AbortSignal): Promise<{ id: string; layout: Layout } | null> {
  const { data, error } = await supabase
    .from('dashboard_layouts')
    .select('id, layout')
    .eq('user_id', userId)
    .eq('project_id', projectId)
    .eq('is_default', true)
    .abortSignal(signal!)
    .maybeSingle()
  if (error) throw error
  return data ? { id: data.id, layout: parseLayout(data.layout) } : null
}

export const dashboardLayoutQuery = (userId: string, projectId: string) => queryOptions({
  queryKey: queryKeys.dashboards.layout(userId, projectId),
  queryFn: ({ signal }) => getDashboardLayout(userId, projectId, signal),
})

export const useDashboardLayout = (userId: string, projectId: string) => useQuery(dashboardLayoutQuery(userId, projectId))
