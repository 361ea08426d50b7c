import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/**
 * Deletes a pipeline (organization admins; RLS refuses everyone else by deleting nothing, which is reported).
 * Its runs keep their history: executions.flow_template_id is set null by the database.
 */
export async function deletePipeline(id: string): Promise<void> {
  const { data, error } = await supabase.from('flow_templates').delete().eq('id', id).select('id')
  if (error) throw error
  if (data.length === 0) throw new Error('Nothing was deleted: only organization admins can delete pipelines, or it is already gone.')
}

export function useDeletePipeline() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: deletePipeline,
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.pipelines.all }),
  })
}
