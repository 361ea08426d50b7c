import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Tables } from '../../../integrations/supabase/types.ts'
import { supabase } from '../../../lib/supabase.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export interface Member extends Pick<Tables<'organization_members'>, 'id' | 'user_id' | 'role' | 'created_at'> {
  name: string | null
  email: string | null
}

/** The organization's members with their names and emails (profiles RLS: people who share an organization). */
export async function getMembers(orgId: string, signal?: AbortSignal): Promise<Member[]> {
  const { data, error } = await supabase.from('organization_members').select('id, user_id, role, created_at')
    .eq('organization_id', orgId).order('created_at').abortSignal(signal!)
  if (error) throw error
  const ids = data.map((m) => m.user_id)
  const profiles = ids.length
    ? await supabase.from('profiles').select('id, full_name, email').in('id', ids).abortSignal(signal!)
    : { data: [], error: null }
  if (profiles.error) throw profiles.error
  const byId = new Map(profiles.data.map((p) => [p.id, p]))
  return data.map((m) => ({ ...m, name: byId.get(m.user_id)?.full_name ?? null, email: byId.get(m.user_id)?.email ?? null }))
}

export type MembersData = Awaited<ReturnType<typeof getMembers>>

export const membersQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.organization.members(orgId),
  queryFn: ({ signal }) => getMembers(orgId, signal),
})

export const useMembers = (orgId: string) => useQuery(membersQuery(orgId))

/** How a member is named on screen: full name, else email, else a short id. */
export const memberLabel = (m: Pick<Member, 'name' | 'email' | 'user_id'>) => m.name || m.email || `User ${m.user_id.slice(0, 8)}`
