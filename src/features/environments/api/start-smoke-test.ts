import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

/** Starts the built-in smoke-test pipeline against one environment (create-test-execution; operators and admins). */
export function startSmokeTest(environmentId: string): Promise<{ execution_id: string }> {
  return invokeFunction<{ execution_id: string }>('create-test-execution', { environment_id: environmentId })
}

export function useStartSmokeTest(environmentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => startSmokeTest(environmentId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions.all }),
  })
}
