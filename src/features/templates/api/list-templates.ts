import { queryOptions, useQuery } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

export const listTemplatesInput = z.object({ organizationId: z.uuid() })

/**
 * The library as the caller may see it for one organization: built-in and other public templates, and the
 * organization's own (RLS hides other organizations' private ones; a member of two sees only this one's).
 */
export async function listTemplates(input: z.infer<typeof listTemplatesInput>, signal?: AbortSignal) {
  const { organizationId } = listTemplatesInput.parse(input)
  const { data, error } = await supabase.from('pipeline_templates')
    .select('id, organization_id, name, description, category, flow_type, tags, popularity, is_public, nodes, edges, created_at')
    .or(`is_public.eq.true,organization_id.eq.${organizationId}`)
    .order('popularity', { ascending: false })
    .order('name')
    .abortSignal(signal!)
  if (error) throw error
  return data
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number]

export const templatesQuery = (organizationId: string) => queryOptions({
  queryKey: queryKeys.templates.list(organizationId),
  queryFn: ({ signal }) => listTemplates({ organizationId }, signal),
})

export const useTemplates = (organizationId: string) => useQuery(templatesQuery(organizationId))
