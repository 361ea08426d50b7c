import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Every project of the organization, archived ones included, with how many environments each has. */
export async function getProjects(orgId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('projects')
    .select('id, name, description, github_repo_url, language, build_tool, archived_at, created_at, environments(count)')
    .eq('organization_id', orgId).order('name').abortSignal(signal!)
  if (error) throw error
  return data.map(({ environments, ...p }) => ({ ...p, environmentCount: (environments as unknown as Array<{ count: number }>)[0]?.count ?? 0 }))
}

export type ProjectRow = Awaited<ReturnType<typeof getProjects>>[number]

export const useProjects = (orgId: string) => useQuery({ queryKey: queryKeys.organization.projects(orgId), queryFn: ({ signal }) => getProjects(orgId, signal) })

/** Archives (or restores) a project; the database stamps who and when and refuses non-admins. */
export function useArchiveProject(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, archived }: { id: string; archived: boolean }) => {
      const { data, error } = await supabase.from('projects').update({ archived_at: archived ? new Date().toISOString() : null }).eq('id', id).select('id')
      if (error) throw error
      if (!data.length) throw new Error('Only an admin of this organization can archive or restore its projects')
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
