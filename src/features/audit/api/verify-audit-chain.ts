import { queryOptions, useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { supabase } from '../../../lib/supabase.ts'
import { chainVerdict } from '../lib/audit-diff.ts'

/** Asks the database to re-hash the whole trail; resolves to what the answer means. */
export async function verifyAuditChain() {
  const { data, error } = await supabase.rpc('verify_audit_chain')
  if (error) throw new Error(error.code === '42501' ? 'Only organization admins can verify the audit chain.' : error.message)
  return chainVerdict(data ?? null)
}

/** The chain status, checked once per visit (it walks the whole trail) and again on demand. */
export const auditChainQuery = () => queryOptions({
  queryKey: queryKeys.audit.chain,
  queryFn: verifyAuditChain,
  staleTime: 5 * 60_000,
  retry: false,
})

export const useAuditChain = () => useQuery(auditChainQuery())
