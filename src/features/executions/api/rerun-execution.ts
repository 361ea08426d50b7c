import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const rerunExecutionInput = z.object({
  execution_id: z.uuid(),
  checkpoint_id: z.string().min(1).optional(),
})
export type RerunExecutionInput = z.input<typeof rerunExecutionInput>

export interface RerunStarted {
  execution_id: string
  attempt: number
  rerun_of_id: string
  checkpoint_node_id: string
  reused: string[]
  rerun: string[]
  status: string
}

/** Reruns a failed or cancelled run from its last passed checkpoint (or the one given) as a new attempt. */
export async function rerunExecution(raw: RerunExecutionInput) {
  const input = rerunExecutionInput.parse(raw)
  return invokeFunction<RerunStarted>('rerun-from-checkpoint', {
    execution_id: input.execution_id,
    ...(input.checkpoint_id ? { checkpoint_id: input.checkpoint_id } : {}),
  })
}

export function useRerunExecution() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: rerunExecution,
    onSettled: (_data, _error, input) => {
      void client.invalidateQueries({ queryKey: queryKeys.executions.detail(input.execution_id) })
    },
  })
}
