import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'

/** Refetches boards and histories when a deployment, a version switch or a lock changes in the project. */
export function useLiveEnvironments(projectId: string): void {
  const filter = `project_id=eq.${projectId}`
  useLiveQueries(
    [{ table: 'deployments', filter }, { table: 'deployment_versions', filter }, { table: 'environment_locks', filter }],
    [queryKeys.environments.all],
  )
}
