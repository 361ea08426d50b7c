import { useMutation, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

const refused = 'Only organization admins can change GitHub integrations.'

/** Pauses (inactive: github-webhook answers 404) or resumes an integration. */
export async function setIntegrationActive(id: string, active: boolean): Promise<void> {
  const { data, error } = await supabase.from('github_integrations').update({ is_active: active }).eq('id', id).select('id')
  if (error) throw new Error(error.code === '42501' ? refused : error.message)
  // RLS filters the row out of an update it refuses, without an error.
  if (data.length === 0) throw new Error(refused)
}

/** Disconnects a repository; its branch mappings go with it (cascade), its deliveries stay. */
export async function deleteIntegration(id: string): Promise<void> {
  const { data, error } = await supabase.from('github_integrations').delete().eq('id', id).select('id')
  if (error) throw new Error(error.code === '42501' ? refused : error.message)
  if (data.length === 0) throw new Error(refused)
}

export function useChangeIntegration(projectId: string) {
  const queryClient = useQueryClient()
  const settle = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.settings.integrations(projectId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.settings.mappings(projectId) }),
  ])
  return {
    setActive: useMutation({ mutationFn: (v: { id: string; active: boolean }) => setIntegrationActive(v.id, v.active), onSettled: settle }),
    remove: useMutation({ mutationFn: (id: string) => deleteIntegration(id), onSettled: settle }),
  }
}
