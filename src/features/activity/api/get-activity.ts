import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { nextCursor, type ActivityCursor, type ActivityRow } from '../lib/activity.ts'

export const ACTIVITY_PAGE = 10

/** One page of the project's activity, newest first, after `cursor` (project_activity; RLS applies). */
export async function getActivityPage(projectId: string, cursor: ActivityCursor | null, signal?: AbortSignal) {
  const { data, error } = await supabase.rpc('project_activity', {
    _project_id: projectId,
    _limit: ACTIVITY_PAGE,
    ...(cursor ? { _before_at: cursor.at, _before_key: cursor.key } : {}),
  }).abortSignal(signal!)
  if (error) throw error
  return data as ActivityRow[]
}

export type ActivityPage = Awaited<ReturnType<typeof getActivityPage>>

export const activityQuery = (projectId: string) => infiniteQueryOptions({
  queryKey: queryKeys.activity.feed(projectId),
  queryFn: ({ pageParam, signal }) => getActivityPage(projectId, pageParam, signal),
  initialPageParam: null as ActivityCursor | null,
  getNextPageParam: (page) => nextCursor(page, ACTIVITY_PAGE),
})

export const useActivity = (projectId: string) => useInfiniteQuery(activityQuery(projectId))
