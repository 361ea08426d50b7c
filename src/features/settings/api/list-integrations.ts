import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The project's GitHub integrations, oldest first (members read them; the secret column is never selectable). */
export async function listIntegrations(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('github_integrations')
    .select('id, repository_owner, repository_name, workflow_file, default_branch, is_active, created_at')
    .eq('project_id', projectId).order('created_at').abortSignal(signal!)
  if (error) throw error
  return data
}

export type Integration = Awaited<ReturnType<typeof listIntegrations>>[number]

export const integrationsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.settings.integrations(projectId),
  queryFn: ({ signal }) => listIntegrations(projectId, signal),
})

export const useIntegrations = (projectId: string) => useQuery(integrationsQuery(projectId))
