import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { Constants, type Json } from '../../../integrations/supabase/types.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const savePipelineInput = z.object({
  /** Absent: a new pipeline. */
  id: z.uuid().optional(),
  projectId: z.uuid(),
  name: z.string().trim().min(1, 'Give the pipeline a name').max(200),
  type: z.enum(Constants.public.Enums.flow_type),
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
  /** The version the editor loaded; the update applies only if nobody saved in between. */
  version: z.number().int().optional(),
  /** What this save is about; kept on the version it makes (flow_template_versions.message), not on the pipeline. */
  message: z.string().trim().max(500, 'Keep the message under 500 characters').optional(),
})
export type SavePipelineInput = z.input<typeof savePipelineInput>

/** Inserts or updates flow_templates under RLS; returns the saved id and version. */
export async function savePipeline(raw: SavePipelineInput) {
  const input = savePipelineInput.parse(raw)
  const graph = { name: input.name, type: input.type, nodes: input.nodes as NonNullable<Json>, edges: input.edges as NonNullable<Json>, save_message: input.message || null }
  const { data: auth } = await supabase.auth.getUser()
  const result = input.id
    ? await supabase.from('flow_templates').update({ ...graph, version: (input.version ?? 1) + 1 })
      .eq('id', input.id).eq('version', input.version ?? 1).select('id, version').maybeSingle()
    : await supabase.from('flow_templates').insert({ ...graph, project_id: input.projectId, created_by: auth.user?.id ?? null })
      .select('id, version').single()
  if (result.error?.code === '23505') throw new Error(`A pipeline named "${input.name}" already exists in this project.`)
  if (result.error) throw result.error
  if (!result.data) throw new Error('Someone else saved this pipeline since you opened it (or you may no longer edit it). Reload to see their version.')
  return result.data
}

export function useSavePipeline() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: savePipeline,
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: queryKeys.pipelines.all, refetchType: 'none' })
      void client.invalidateQueries({ queryKey: queryKeys.pipelines.detail(saved.id) })
    },
  })
}
