import { queryOptions, useQuery } from '@tanstack/react-query'
import { fetchPeople } from '../../../lib/people.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import type { SecretRef, Variables } from '../lib/shared.ts'

/** Every configuration version of an environment, newest first, with who made it (the first is current). */
export async function getConfigVersions(environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environment_config_versions')
    .select('id, version, variables, secrets, reason, restored_from, created_by, created_at')
    .eq('environment_id', environmentId).order('version', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  const people = await fetchPeople(data.map((v) => v.created_by), signal)
  return data.map((v) => ({
    ...v,
    variables: v.variables as Variables,
    secrets: v.secrets as unknown as SecretRef[],
    author: v.created_by ? people.get(v.created_by) ?? 'Someone outside your organization' : 'A direct database write',
  }))
}

export type ConfigVersion = Awaited<ReturnType<typeof getConfigVersions>>[number]

export const configVersionsQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.environments.config(environmentId),
  queryFn: ({ signal }) => getConfigVersions(environmentId, signal),
})

export const useConfigVersions = (environmentId: string) => useQuery(configVersionsQuery(environmentId))

/** Why the caller may not change this environment's configuration, or null when they may (the database's sentence). */
export async function getConfigRefusal(environmentId: string, signal?: AbortSignal): Promise<string | null> {
  const { data, error } = await supabase.rpc('environment_config_refusal', { _environment_id: environmentId }).abortSignal(signal!)
  if (error) throw error
  return data
}

export const useConfigRefusal = (environmentId: string) => useQuery({
  queryKey: queryKeys.environments.configAccess(environmentId),
  queryFn: ({ signal }) => getConfigRefusal(environmentId, signal),
})
