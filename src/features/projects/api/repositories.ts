import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { invokeFunction } from '../../../lib/functions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export interface Repository { id: number; full_name: string; private: boolean; default_branch: string; html_url: string; pushed_at: string | null }

export interface RepositoryStack {
  repository: string
  description: string | null
  default_branch: string
  html_url: string
  language: string | null
  buildTool: string | null
  languages: Array<{ name: string; percent: number }>
}

export interface CreatedProject {
  project: { id: string; name: string; language: string | null; build_tool: string | null; github_repo_url: string | null }
  integration_id: string
}

/** The repositories the organization's token can see, most recently pushed first (github-api). */
export const useRepositories = (orgId: string, enabled: boolean) => useQuery({
  queryKey: queryKeys.onboarding.repositories(orgId),
  queryFn: () => invokeFunction<Repository[]>(`github-api/repos?organization_id=${orgId}&per_page=50`, undefined, 'GET'),
  enabled,
})

/** What a repository is built with, read from GitHub before anything is created. */
export const useRepositoryStack = (orgId: string, repository: string | null) => useQuery({
  queryKey: queryKeys.onboarding.stack(orgId, repository),
  queryFn: () => invokeFunction<RepositoryStack>(`github-api/repos/${repository}/stack?organization_id=${orgId}`, undefined, 'GET'),
  enabled: Boolean(repository),
})

/** Creates a project linked to the repository (organization admins; the database decides). */
export function useCreateProjectFromRepository(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { repository: string; name?: string }) =>
      invokeFunction<CreatedProject>('github-api/projects', { organization_id: orgId, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
