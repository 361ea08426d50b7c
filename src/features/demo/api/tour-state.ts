import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { TourSnapshot } from '../lib/tour.ts'

export interface TourState extends TourSnapshot {
  pipelineId: string | null
  staging: { id: string; current: string | null; firstVersionId: string | null } | null
}

/** What the tour needs from the sandbox project: its pipeline, runs, the rerun's gate and staging's versions. */
export async function getTourState(projectId: string, signal: AbortSignal): Promise<TourState> {
  const [pipelines, runs, staging] = await Promise.all([
    supabase.from('flow_templates').select('id').eq('project_id', projectId).order('created_at').limit(1).abortSignal(signal),
    supabase.from('executions').select('id, status, attempt, rerun_of_id').eq('project_id', projectId).order('created_at', { ascending: false }).limit(20).abortSignal(signal),
    supabase.from('environments').select('id, deployment_versions(id, version_tag, is_current, created_at), deployments(rollback_of_id)')
      .eq('project_id', projectId).eq('key', 'staging').abortSignal(signal).maybeSingle(),
  ])
  for (const answer of [pipelines, runs, staging]) if (answer.error) throw answer.error
  const rows = runs.data ?? []
  const first = rows.find((r) => r.attempt === 1)
  const rerun = first && rows.find((r) => r.rerun_of_id === first.id)
  let approval: TourSnapshot['approval'] = null
  if (rerun) {
    const { data, error } = await supabase.from('approval_requests').select('id, status').eq('execution_id', rerun.id).abortSignal(signal).maybeSingle()
    if (error) throw error
    approval = data
  }
  const env = staging.data
  const versions = [...(env?.deployment_versions ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at))
  return {
    pipelineId: pipelines.data?.[0]?.id ?? null,
    runs: rows,
    approval,
    rolledBack: Boolean(rerun?.status === 'success' && env?.deployments.some((d) => d.rollback_of_id !== null)),
    staging: env ? { id: env.id, current: versions.find((v) => v.is_current)?.version_tag ?? null, firstVersionId: versions[0]?.id ?? null } : null,
  }
}

export const tourStateOptions = (projectId: string) => queryOptions({
  queryKey: queryKeys.demo.tour(projectId),
  queryFn: ({ signal }) => getTourState(projectId, signal),
})

/** The tour's state, refetched whenever the engine or the visitor changes a run, a gate or a deployment. */
export function useTourState(projectId: string) {
  const filter = `project_id=eq.${projectId}`
  useLiveQueries([
    { table: 'executions', filter }, { table: 'approval_requests', filter }, { table: 'deployment_versions', filter },
  ], [queryKeys.demo.tour(projectId)])
  return useQuery(tourStateOptions(projectId))
}
