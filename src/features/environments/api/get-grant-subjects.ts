import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { fetchPeople } from '../../../lib/people.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Whom a grant can name: the organization's members (with their role) and its teams, by name. */
export async function getGrantSubjects(organizationId: string, signal?: AbortSignal) {
  const [members, teams] = await Promise.all([
    supabase.from('organization_members').select('user_id, role').eq('organization_id', organizationId).abortSignal(signal!),
    supabase.from('teams').select('id, name').eq('organization_id', organizationId).order('name').abortSignal(signal!),
  ])
  if (members.error) throw members.error
  if (teams.error) throw teams.error
  const people = await fetchPeople(members.data.map((m) => m.user_id), signal)
  return {
    members: members.data
      .map((m) => ({ id: m.user_id, role: m.role, name: people.get(m.user_id) ?? 'Unknown user' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    teams: teams.data,
  }
}

export type GrantSubjects = Awaited<ReturnType<typeof getGrantSubjects>>

export const grantSubjectsQuery = (organizationId: string) => queryOptions({
  queryKey: queryKeys.environments.grantSubjects(organizationId),
  queryFn: ({ signal }) => getGrantSubjects(organizationId, signal),
})

export const useGrantSubjects = (organizationId: string, enabled = true) => useQuery({ ...grantSubjectsQuery(organizationId), enabled })
