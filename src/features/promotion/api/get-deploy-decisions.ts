import { useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { ACCESS_TABLES, getEnvironmentActions } from '../../environments/api/get-environment-actions.ts'
import type { ActionDecision } from '../../environments/lib/environment-actions.ts'

/**
 * The caller's deploy decision on each environment of the board (environment_actions), so a Promote button is
 * offered only where the database would let the deploy happen. One query and one subscription for the board.
 */
export function useDeployDecisions(projectId: string, environmentIds: readonly string[]) {
  const key = queryKeys.environments.deployDecisions(projectId, environmentIds)
  useLiveQueries(ACCESS_TABLES, [key], environmentIds.length > 0)
  return useQuery({
    queryKey: key,
    enabled: environmentIds.length > 0,
    queryFn: async ({ signal }) => {
      const rows = await Promise.all(environmentIds.map((id) => getEnvironmentActions(id, signal)))
      return new Map<string, ActionDecision | undefined>(environmentIds.map((id, i) => [id, rows[i].find((r) => r.action === 'deploy')]))
    },
  })
}
