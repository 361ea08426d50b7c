import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export interface PromoteInput {
  to_environment_id: string
  /** Default: the stage just before the target. */
  from_environment_id?: string
  note?: string
}

export interface Promoted {
  execution_id: string
  status: string
  version: string
  from: { id: string; key: string; display_name: string }
  to: { id: string; key: string; display_name: string }
  replaces: string | null
}

/** Starts a promotion run (promote-version): the database decides whether it may go, and the target's gates apply. */
export const promoteVersion = (input: PromoteInput) => invokeFunction<Promoted>('promote-version', { ...input })

export function usePromoteVersion() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: promoteVersion,
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.environments.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.executions.all }),
    ]),
  })
}
