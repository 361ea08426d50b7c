import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const instantiateTemplateInput = z.object({
  templateId: z.uuid(),
  projectId: z.uuid(),
  name: z.string().trim().min(1, 'Give the pipeline a name').max(200, 'At most 200 characters'),
})
export type InstantiateTemplateInput = z.input<typeof instantiateTemplateInput>

/** A new pipeline in the project from the template (instantiate_pipeline_template records the use); its id. */
export async function instantiateTemplate(raw: InstantiateTemplateInput): Promise<string> {
  const input = instantiateTemplateInput.parse(raw)
  const { data, error } = await supabase.rpc('instantiate_pipeline_template', {
    _template_id: input.templateId, _project_id: input.projectId, _name: input.name,
  })
  if (error?.code === '23505') throw new Error(`A pipeline named "${input.name}" already exists in this project.`)
  if (error) throw new Error(error.message)
  return data
}

export function useInstantiateTemplate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: instantiateTemplate,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.templates.all })
      void client.invalidateQueries({ queryKey: queryKeys.pipelines.all })
    },
  })
}
