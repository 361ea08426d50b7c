import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

const githubName = z.string().trim().regex(/^[\w.-]{1,100}$/, 'Letters, digits, ., - and _ only')

export const integrationInput = z.object({
  repository_owner: githubName,
  repository_name: githubName,
  workflow_file: z.string().trim().min(1, 'Name the workflow file').max(255),
  default_branch: z.string().trim().min(1, 'Name the default branch').max(255),
})
export type IntegrationInput = z.infer<typeof integrationInput>

/** Connects a repository to the project: a plain insert that RLS allows organization admins. */
export async function createIntegration(projectId: string, userId: string, input: IntegrationInput): Promise<string> {
  const values = integrationInput.parse(input)
  const { data, error } = await supabase.from('github_integrations')
    .insert({ ...values, project_id: projectId, created_by: userId }).select('id').single()
  if (error) {
    if (error.code === '23505') throw new Error(`${values.repository_owner}/${values.repository_name} is already connected to this project.`)
    if (error.code === '42501') throw new Error('Only organization admins can connect repositories.')
    throw error
  }
  return data.id
}

export function useCreateIntegration(projectId: string, userId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: IntegrationInput) => createIntegration(projectId, userId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.settings.integrations(projectId) }),
  })
}
