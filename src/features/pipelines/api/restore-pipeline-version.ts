import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const restorePipelineVersionInput = z.object({
  pipelineId: z.uuid(),
  version: z.number().int().positive(),
  /** The version the editor shows; the restore is refused when someone saved since. */
  expectedVersion: z.number().int().optional(),
  message: z.string().trim().max(500).optional(),
})
export type RestorePipelineVersionInput = z.input<typeof restorePipelineVersionInput>

/** Saves an earlier version again as the newest one (restore_flow_template_version); returns the pipeline as saved. */
export async function restorePipelineVersion(raw: RestorePipelineVersionInput) {
  const input = restorePipelineVersionInput.parse(raw)
  const { data, error } = await supabase.rpc('restore_flow_template_version', {
    _flow_template_id: input.pipelineId, _version: input.version, _expected_version: input.expectedVersion, _message: input.message || undefined,
  })
  if (error) throw new Error(error.message)
  return data
}

export function useRestorePipelineVersion() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: restorePipelineVersion,
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: queryKeys.pipelines.all, refetchType: 'none' })
      void client.invalidateQueries({ queryKey: queryKeys.pipelines.detail(saved.id) })
    },
  })
}
