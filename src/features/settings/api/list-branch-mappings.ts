import { queryOptions, useQuery } from '@tanstack/react-query'
import { orderMappings } from '../../../../supabase/functions/_shared/github/branch-mapping.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The project's branch mappings in the order a push tries them (the server's order); pull-request mappings are not tried by pushes. */
export async function listBranchMappings(projectId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('branch_mappings')
    .select('id, branch_pattern, environment_id, flow_template_id, github_integration_id, is_deployable, position, created_at')
    .eq('project_id', projectId).eq('on_pull_request', false).abortSignal(signal!)
  if (error) throw error
  return orderMappings(data)
}

export type BranchMappingRow = Awaited<ReturnType<typeof listBranchMappings>>[number]

export const branchMappingsQuery = (projectId: string) => queryOptions({
  queryKey: queryKeys.settings.mappings(projectId),
  queryFn: ({ signal }) => listBranchMappings(projectId, signal),
})

export const useBranchMappings = (projectId: string) => useQuery(branchMappingsQuery(projectId))
