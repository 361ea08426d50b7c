import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { promotionOrder } from '../lib/promotion-chain.ts'
import { fetchPeople } from '../../../lib/people.ts'

/**
 * The promotion chain of a project: each active environment (archived ones keep their history on the chain
 * admin's list, not on the board) with its lock, current version, last deployment and the freeze windows that
 * have not ended yet (active or upcoming).
 */
export async function getEnvironmentBoard(projectId: string, signal?: AbortSignal) {
  const [environments, locks, versions, freezes] = await Promise.all([
    supabase.from('environments').select('id, key, display_name, tier, position, required_approvals, deploy_strategy, allow_skip_promotion')
      .eq('project_id', projectId).is('archived_at', null).abortSignal(signal!),
    supabase.from('environment_locks').select('id, environment_id, is_locked, lock_reason, locked_by, locked_at, required_role')
      .eq('project_id', projectId).abortSignal(signal!),
    supabase.from('deployment_versions').select('id, environment_id, version_tag, commit_sha, created_at, deployment_id, deployment:deployments!deployment_versions_deployment_id_fkey (simulated)')
      .eq('project_id', projectId).eq('is_current', true).abortSignal(signal!),
    supabase.from('freeze_windows').select('id, environment_id, starts_at, ends_at, reason, required_role')
      .eq('project_id', projectId).gt('ends_at', new Date().toISOString()).order('starts_at').abortSignal(signal!),
  ])
  for (const result of [environments, locks, versions, freezes]) if (result.error) throw result.error
  const envs = promotionOrder(environments.data!)
  const lastDeploys = await Promise.all(envs.map(async (env) => {
    const { data, error } = await supabase.from('deployments')
      .select('id, version, status, deployed_by, created_at, finished_at, rollback_of_id, break_glass, reason, simulated')
      .eq('environment_id', env.id).order('created_at', { ascending: false }).limit(1).abortSignal(signal!).maybeSingle()
    if (error) throw error
    return data
  }))
  const people = await fetchPeople([...lastDeploys.map((d) => d?.deployed_by), ...locks.data!.map((l) => l.locked_by)], signal)
  const name = (id: string | null | undefined) => (id ? people.get(id) ?? 'Someone outside your organization' : null)
  return {
    environments: envs.map((env, i) => {
      const lock = locks.data!.find((l) => l.environment_id === env.id) ?? null
      const last = lastDeploys[i]
      return {
        ...env,
        lock: lock && { ...lock, lockedByName: name(lock.locked_by) },
        current: versions.data!.find((v) => v.environment_id === env.id) ?? null,
        lastDeploy: last && { ...last, deployedByName: name(last.deployed_by) },
      }
    }),
    // One-off windows only (a recurring one has no fixed end; src/features/governance shows and edits those).
    freezeWindows: freezes.data!.filter((w): w is typeof w & { ends_at: string } => w.ends_at !== null),
  }
}

export type EnvironmentBoardData = Awaited<ReturnType<typeof getEnvironmentBoard>>
export type BoardEnvironment = EnvironmentBoardData['environments'][number]

export const environmentBoardQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.environments.board(projectId),
  queryFn: ({ signal }) => getEnvironmentBoard(projectId, signal),
})

export const useEnvironmentBoard = (projectId: string) => useQuery(environmentBoardQuery(projectId))
