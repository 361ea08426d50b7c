import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

const executionId = z.uuid()

/**
 * One run with its pipeline, environment and starter's name, and its neighbouring attempts: the run it reruns
 * and the rerun made of it, if any. null when there is no such run (or RLS hides it).
 */
export async function getExecution(id: string, signal?: AbortSignal) {
  if (!executionId.safeParse(id).success) return null
  const [run, newer] = await Promise.all([
    supabase.from('executions')
      .select('*, flow_templates(id, name), environments(key, display_name)')
      .eq('id', id).abortSignal(signal!).maybeSingle(),
    supabase.from('executions').select('id, attempt, status').eq('rerun_of_id', id).abortSignal(signal!).maybeSingle(),
  ])
  if (run.error) throw run.error
  if (newer.error) throw newer.error
  if (!run.data) return null
  const previous = run.data.rerun_of_id
    ? await supabase.from('executions').select('id, attempt, status').eq('id', run.data.rerun_of_id).abortSignal(signal!).maybeSingle()
    : null
  if (previous?.error) throw previous.error
  const people = await fetchPeople([run.data.started_by], signal)
  return {
    ...run.data,
    startedByName: run.data.started_by ? people.get(run.data.started_by) ?? 'A former member' : null,
    previousAttempt: previous?.data ?? null,
    newerAttempt: newer.data,
  }
}
export type ExecutionDetail = NonNullable<Awaited<ReturnType<typeof getExecution>>>

export const executionQuery = (id: string) => queryOptions({
  queryKey: queryKeys.executions.detail(id),
  queryFn: ({ signal }) => getExecution(id, signal),
})

export const useExecution = (id: string) => useQuery(executionQuery(id))
