import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { projectRefusal, type ProjectForm } from '../lib/onboarding.ts'

/** Creates a project in an organization (RLS: its admins); a refusal is thrown as a sentence. */
export async function createProject(userId: string, organizationId: string, input: ProjectForm): Promise<{ id: string }> {
  const name = input.name.trim()
  const description = input.description.trim()
  const { data, error } = await supabase.from('projects')
    .insert({ organization_id: organizationId, name, description: description || null, created_by: userId }).select('id').single()
  if (error) throw new Error(projectRefusal(error, name))
  return data
}

export function useCreateProject(userId: string, organizationId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ProjectForm) => createProject(userId, organizationId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.all }),
  })
}
