import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** The user's profile, organization memberships (with their role in each) and saved default mode. */
export async function getProfile(userId: string, signal?: AbortSignal) {
  const [profile, memberships, preferences] = await Promise.all([
    supabase.from('profiles').select('full_name, email, avatar_url').eq('id', userId).abortSignal(signal!).maybeSingle(),
    supabase.from('organization_members').select('organization_id, role, created_at, organizations (name, slug)')
      .eq('user_id', userId).order('created_at').abortSignal(signal!),
    supabase.from('user_preferences').select('default_mode').eq('user_id', userId).abortSignal(signal!).maybeSingle(),
  ])
  for (const result of [profile, memberships, preferences]) if (result.error) throw result.error
  return {
    fullName: profile.data?.full_name ?? '',
    email: profile.data?.email ?? null,
    avatarUrl: profile.data?.avatar_url ?? null,
    memberships: memberships.data ?? [],
    defaultMode: preferences.data?.default_mode ?? null,
  }
}

export type ProfileData = Awaited<ReturnType<typeof getProfile>>

export const profileQuery = (userId: string) => queryOptions({
  queryKey: queryKeys.workspace.profile(userId),
  queryFn: ({ signal }) => getProfile(userId, signal),
})

export const useProfile = (userId: string) => useQuery(profileQuery(userId))
