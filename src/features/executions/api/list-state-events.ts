import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const EVENTS_LIMIT = 500

/** A run's state changes (the run's and its nodes'), newest first, with who made each, up to EVENTS_LIMIT. */
export async function listStateEvents(executionId: string, signal?: AbortSignal) {
  const { data, error, count } = await supabase.from('execution_state_events')
    .select('id, node_id, old_state, new_state, reason, actor_id, created_at', { count: 'exact' })
    .eq('execution_id', executionId).order('id', { ascending: false }).limit(EVENTS_LIMIT).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((e) => e.actor_id), signal)
  return {
    total: count ?? data.length,
    events: data.map((e) => ({ ...e, actorName: e.actor_id ? people.get(e.actor_id) ?? 'A former member' : null })),
  }
}
export type StateEvent = Awaited<ReturnType<typeof listStateEvents>>['events'][number]

export const stateEventsQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.events(executionId),
  queryFn: ({ signal }) => listStateEvents(executionId, signal),
})

export const useStateEvents = (executionId: string) => useQuery(stateEventsQuery(executionId))
