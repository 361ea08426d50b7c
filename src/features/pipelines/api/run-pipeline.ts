import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const runPipelineInput = z.object({
  flow_template_id: z.uuid(),
  environment: z.string().optional(),
  version: z.string().trim().max(200).optional(),
})
export type RunPipelineInput = z.input<typeof runPipelineInput>

export interface RunStarted {
  execution_id: string
  status: string
  version: string
}

/** Starts a run through the pipeline-execute edge function (it re-validates the graph and checks the role). */
export async function runPipeline(raw: RunPipelineInput): Promise<RunStarted> {
  const input = runPipelineInput.parse(raw)
  return invokeFunction<RunStarted>('pipeline-execute', {
    flow_template_id: input.flow_template_id,
    ...(input.environment ? { environment: input.environment } : {}),
    ...(input.version ? { version: input.version } : {}),
  })
}

export function useRunPipeline() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: runPipeline,
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.executions.all }),
  })
}
