import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

/** How many state changes the timeline shows at first, and how many more each "Show older" adds. */
export const EVENTS_PAGE = 50

/** A run's newest `limit` state changes (the run's and its nodes'), newest first, with who made each. */
export async function listStateEvents(executionId: string, limit: number, signal?: AbortSignal) {
  const { data, error, count } = await supabase.from('execution_state_events')
    .select('id, node_id, old_state, new_state, reason, actor_id, created_at', { count: 'exact' })
    .eq('execution_id', executionId).order('id', { ascending: false }).limit(limit).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((e) => e.actor_id), signal)
  return {
    total: count ?? data.length,
    events: data.map((e) => ({ ...e, actorName: e.actor_id ? people.get(e.actor_id) ?? 'A former member' : null })),
  }
}
export type StateEvent = Awaited<ReturnType<typeof listStateEvents>>['events'][number]

// Live invalidation matches `events(id)` as a prefix, so every limit shown is refreshed; a bigger limit keeps the
// rows on screen while the longer list loads.
export const stateEventsQuery = (executionId: string, limit: number) => queryOptions({
  queryKey: [...queryKeys.executions.events(executionId), limit],
  queryFn: ({ signal }) => listStateEvents(executionId, limit, signal),
  placeholderData: keepPreviousData,
})

export const useStateEvents = (executionId: string, limit: number) => useQuery(stateEventsQuery(executionId, limit))
