import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'

/** An OTLP connection's ingest tokens, newest first (the token itself is never readable: its hint is). */
export async function listIngestTokens(connectionId: string, signal?: AbortSignal) {
  const { data, error } = await supabase.from('otel_ingest_tokens')
    .select('id, project_id, token_hint, created_at, last_used_at, revoked_at, projects(name)')
    .eq('connection_id', connectionId).order('created_at', { ascending: false }).abortSignal(signal!)
  if (error) throw error
  return data
}

export const ingestTokensQuery = (connectionId: string) => queryOptions({
  queryKey: queryKeys.connections.ingestTokens(connectionId),
  queryFn: ({ signal }) => listIngestTokens(connectionId, signal),
})
export const useIngestTokens = (connectionId: string) => useQuery(ingestTokensQuery(connectionId))

/** Issues a token for a project (revoking that project's previous one); the answer is the only time it is shown. */
export function useIssueIngestToken(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (projectId: string) => {
      const { data, error } = await supabase.rpc('issue_otel_ingest_token', { _connection_id: connectionId, _project_id: projectId })
      if (error) throw error
      return data[0]
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.ingestTokens(connectionId) }),
  })
}

export function useRevokeIngestToken(connectionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (tokenId: string) => {
      const { error } = await supabase.rpc('revoke_otel_ingest_token', { _token_id: tokenId })
      if (error) throw error
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.ingestTokens(connectionId) }),
  })
}
