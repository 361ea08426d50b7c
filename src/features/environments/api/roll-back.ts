import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const rollbackInput = z.object({
  reason: z.string().trim().min(5, 'Say why in at least 5 characters').max(2000, 'Keep the reason under 2,000 characters'),
})
export type RollbackInput = z.infer<typeof rollbackInput>

export interface RollbackResult {
  deployment_id: string
  rolled_back_deployment_id: string
  version: { id: string; version_tag: string; commit_sha: string | null; restored_from_id: string; environment_id: string }
}

/** Returns an environment to one of its earlier versions through the rollback-deployment function. */
export function rollBack(environmentId: string, versionId: string, input: RollbackInput): Promise<RollbackResult> {
  const { reason } = rollbackInput.parse(input)
  return invokeFunction<RollbackResult>('rollback-deployment', { environment_id: environmentId, version_id: versionId, reason })
}

export function useRollBack(environmentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ versionId, ...input }: RollbackInput & { versionId: string }) => rollBack(environmentId, versionId, input),
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.deployments.all }),
    ]),
  })
}
