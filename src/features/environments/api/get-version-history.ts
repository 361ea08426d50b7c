import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { fetchPeople } from '../../../lib/people.ts'

export const HISTORY_PAGE_SIZE = 15

/**
 * One page of an environment's version history, newest first: every row is a moment a version became current
 * (deployment_version_history computes until when), with its deployment's status, deployer, rollback,
 * promotion and break-glass marks.
 */
export async function getVersionHistory(environmentId: string, page: number, signal?: AbortSignal) {
  const from = page * HISTORY_PAGE_SIZE
  const { data, error, count } = await supabase.from('deployment_version_history')
    .select('id, version_tag, commit_sha, is_current, restored_from_id, deployment_id, deployed_by, reason, rollback_of_id, break_glass, live_from, live_until, promoted_from_key', { count: 'exact' })
    .eq('environment_id', environmentId)
    .order('live_from', { ascending: false }).order('id', { ascending: false })
    .range(from, from + HISTORY_PAGE_SIZE - 1).abortSignal(signal!)
  if (error) throw error
  const deploymentIds = data.flatMap((v) => (v.deployment_id ? [v.deployment_id] : []))
  const deployments = deploymentIds.length === 0 ? { data: [], error: null }
    : await supabase.from('deployments').select('id, status, strategy, execution_id, simulated').in('id', deploymentIds).abortSignal(signal!)
  if (deployments.error) throw deployments.error
  const people = await fetchPeople(data.map((v) => v.deployed_by), signal)
  return {
    rows: data.map((v) => ({
      ...v,
      deployment: deployments.data.find((d) => d.id === v.deployment_id) ?? null,
      deployedByName: v.deployed_by ? people.get(v.deployed_by) ?? 'Someone outside your organization' : null,
    })),
    total: count ?? data.length,
  }
}

export type VersionHistoryRow = Awaited<ReturnType<typeof getVersionHistory>>['rows'][number]

export const versionHistoryQuery = (environmentId: string, page: number) => queryOptions({
  queryKey: queryKeys.environments.history(environmentId, page),
  queryFn: ({ signal }) => getVersionHistory(environmentId, page, signal),
  placeholderData: (previous) => previous,
})

export const useVersionHistory = (environmentId: string, page: number) => useQuery(versionHistoryQuery(environmentId, page))
