import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { ACCESS_TABLES } from './get-environment-actions.ts'

/**
 * Refetches boards, histories and access decisions when a deployment, a version switch or a lock changes in
 * the project, or a grant or membership changes (an environment whose view was denied leaves the board).
 */
export function useLiveEnvironments(projectId: string): void {
  const filter = `project_id=eq.${projectId}`
  useLiveQueries(
    [{ table: 'deployments', filter }, { table: 'deployment_versions', filter }, { table: 'environment_locks', filter }, ...ACCESS_TABLES],
    [queryKeys.environments.all],
  )
}
