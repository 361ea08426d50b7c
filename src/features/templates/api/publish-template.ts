import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const VISIBILITIES = ['organization', 'public'] as const

export const publishTemplateInput = z.object({
  pipelineId: z.uuid({ message: 'Choose a pipeline' }),
  organizationId: z.uuid(),
  name: z.string().trim().min(1, 'Give the template a name').max(200, 'At most 200 characters'),
  description: z.string().trim().max(1000, 'At most 1,000 characters'),
  category: z.string().trim().min(1, 'Give it a category').max(80, 'At most 80 characters'),
  tags: z.array(z.string().min(1).max(40)).max(12, 'At most 12 tags'),
  visibility: z.enum(VISIBILITIES),
})
export type PublishTemplateInput = z.input<typeof publishTemplateInput>

/**
 * Copies a saved pipeline's graph and type into a new template of the organization. RLS lets only its operators
 * and admins insert; the database pins created_by to the caller and starts popularity at 0.
 */
export async function publishTemplate(raw: PublishTemplateInput) {
  const input = publishTemplateInput.parse(raw)
  const source = await supabase.from('flow_templates').select('type, nodes, edges').eq('id', input.pipelineId).single()
  if (source.error) throw new Error(source.error.message)
  const { data, error } = await supabase.from('pipeline_templates').insert({
    organization_id: input.organizationId, name: input.name, description: input.description || null, category: input.category,
    tags: input.tags, is_public: input.visibility === 'public', flow_type: source.data.type,
    nodes: source.data.nodes, edges: source.data.edges,
  }).select('id').single()
  if (error?.code === '42501') throw new Error('Only operators and admins of the organization can publish templates.')
  if (error) throw new Error(error.message)
  return data
}

export function usePublishTemplate() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: publishTemplate,
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.templates.all }),
  })
}
