import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { toStoredLayout, type Layout } from '../lib/layout.ts'

interface Saved { id: string; layout: Layout }
interface SaveInput { userId: string; projectId: string; layout: Layout }

/** Saves the caller's layout: updates their row, or creates it the first time (RLS keeps it theirs). */
export async function saveDashboardLayout(projectId: string, rowId: string | null, layout: Layout): Promise<Saved> {
  const stored = toStoredLayout(layout)
  const query = rowId
    ? supabase.from('dashboard_layouts').update({ layout: stored as never }).eq('id', rowId)
    : supabase.from('dashboard_layouts').insert({ project_id: projectId, is_default: true, name: 'My dashboard', layout: stored as never })
  const { data, error } = await query.select('id').single()
  if (error) throw error
  return { id: data.id, layout }
}

/**
 * Saves run one after another (one scope), and each reads the row id when it starts: a quick second change
 * updates the row the first one created instead of creating another.
 */
export function useSaveDashboardLayout() {
  const queryClient = useQueryClient()
  const cached = (userId: string, projectId: string) => queryClient.getQueryData<Saved | null>(queryKeys.dashboards.layout(userId, projectId))
  return useMutation({
    scope: { id: 'dashboard-layout' },
    mutationFn: ({ userId, projectId, layout }: SaveInput) => saveDashboardLayout(projectId, cached(userId, projectId)?.id || null, layout),
    onMutate: ({ userId, projectId, layout }) => {
      // Show the new order at once, keeping the row id known so far.
      queryClient.setQueryData(queryKeys.dashboards.layout(userId, projectId), { id: cached(userId, projectId)?.id ?? '', layout })
    },
    onSuccess: (saved, { userId, projectId }) =>
      queryClient.setQueryData<Saved | null>(queryKeys.dashboards.layout(userId, projectId), (now) => ({ id: saved.id, layout: now?.layout ?? saved.layout })),
    onError: (_error, { userId, projectId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.dashboards.layout(userId, projectId) }),
  })
}
