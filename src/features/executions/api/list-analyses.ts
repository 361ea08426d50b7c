import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const ANALYSES_LIMIT = 20

/** A run's stored analyses (rule-based and by a model), newest first, with who asked. */
export async function listAnalyses(executionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('ai_analyses')
    .select('id, node_id, analyzer, model, status, answer, findings, error, total_tokens, requested_by, created_at')
    .eq('execution_id', executionId).order('created_at', { ascending: false }).limit(ANALYSES_LIMIT).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((a) => a.requested_by), signal)
  return data.map((a) => ({ ...a, askedBy: a.requested_by ? people.get(a.requested_by) ?? 'A former member' : 'Someone' }))
}
export type StoredAnalysis = Awaited<ReturnType<typeof listAnalyses>>[number]

export const analysesQuery = (executionId: string) => queryOptions({
  queryKey: queryKeys.executions.analyses(executionId),
  queryFn: ({ signal }) => listAnalyses(executionId, signal),
})

export const useAnalyses = (executionId: string) => useQuery(analysesQuery(executionId))
