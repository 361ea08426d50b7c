import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { fetchPeople } from '../../../lib/people.ts'
import { supabase } from '../../../lib/supabase.ts'
import { ENVIRONMENT_ACTIONS } from '../lib/environment-actions.ts'

/**
 * The grants on one environment (environment_permissions; every member may read them), in action order, each
 * with the name of its member or team and of the admin who set it.
 */
export async function getEnvironmentGrants(environmentId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('environment_permissions')
    .select('id, user_id, team_id, action, effect, reason, created_by, created_at, updated_at')
    .eq('environment_id', environmentId).order('created_at').abortSignal(signal!)
  if (error) throw error
  const teamIds = [...new Set(data.flatMap((g) => (g.team_id ? [g.team_id] : [])))]
  const teams = teamIds.length === 0 ? { data: [], error: null }
    : await supabase.from('teams').select('id, name').in('id', teamIds).abortSignal(signal!)
  if (teams.error) throw teams.error
  const people = await fetchPeople(data.flatMap((g) => [g.user_id, g.created_by]), signal)
  const rows = data.map((g) => ({
    ...g,
    subject: g.user_id
      ? { kind: 'member' as const, name: people.get(g.user_id) ?? 'A former member' }
      : { kind: 'team' as const, name: teams.data.find((t) => t.id === g.team_id)?.name ?? 'A deleted team' },
    setByName: g.created_by ? people.get(g.created_by) ?? 'Someone outside your organization' : null,
  }))
  return rows.sort((a, b) => ENVIRONMENT_ACTIONS.indexOf(a.action) - ENVIRONMENT_ACTIONS.indexOf(b.action) || a.subject.name.localeCompare(b.subject.name))
}

export type EnvironmentGrant = Awaited<ReturnType<typeof getEnvironmentGrants>>[number]

export const environmentGrantsQuery = (environmentId: string) => queryOptions({
  queryKey: queryKeys.environments.grants(environmentId),
  queryFn: ({ signal }) => getEnvironmentGrants(environmentId, signal),
})

export const useEnvironmentGrants = (environmentId: string) => useQuery(environmentGrantsQuery(environmentId))
