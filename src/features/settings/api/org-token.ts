import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** Whether the organization has a GitHub token: its last four characters and scopes, never the token. */
export async function getOrgToken(orgId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('github_tokens')
    .select('id, token_hint, scopes, updated_at').eq('organization_id', orgId).abortSignal(signal!).maybeSingle()
  if (error) throw error
  return data
}

export type OrgToken = NonNullable<Awaited<ReturnType<typeof getOrgToken>>>

export const orgTokenQuery = (orgId: string) => queryOptions({
  queryKey: queryKeys.settings.token(orgId),
  queryFn: ({ signal }) => getOrgToken(orgId, signal),
})

export const useOrgToken = (orgId: string) => useQuery(orgTokenQuery(orgId))
