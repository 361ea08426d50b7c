import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The project's pipelines by name: what may be published as a template. */
export async function listProjectPipelines(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('flow_templates')
    .select('id, name, type, description')
    .eq('project_id', projectId).order('name').abortSignal(signal!)
  if (error) throw error
  return data
}

export const projectPipelinesQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.templates.publishable(projectId),
  queryFn: ({ signal }) => listProjectPipelines(projectId, signal),
})

export const useProjectPipelines = (projectId: string, enabled: boolean) => useQuery({ ...projectPipelinesQuery(projectId), enabled })
