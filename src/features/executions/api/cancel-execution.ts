import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const cancelExecutionInput = z.object({
  execution_id: z.uuid(),
  reason: z.string().trim().max(500).optional(),
})
export type CancelExecutionInput = z.input<typeof cancelExecutionInput>

/** Cancels a run and every unfinished node through execution-cancel (409 when it already finished). */
export async function cancelExecution(raw: CancelExecutionInput) {
  const input = cancelExecutionInput.parse(raw)
  return invokeFunction<{ execution_id: string; status: 'cancelled' }>('execution-cancel', {
    execution_id: input.execution_id,
    ...(input.reason ? { reason: input.reason } : {}),
  })
}

export function useCancelExecution() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: cancelExecution,
    onSettled: (_data, _error, input) => {
      void client.invalidateQueries({ queryKey: queryKeys.executions.detail(input.execution_id) })
      void client.invalidateQueries({ queryKey: queryKeys.executions.nodes(input.execution_id) })
    },
  })
}
