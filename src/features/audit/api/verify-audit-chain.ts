import { useMutation } from '@tanstack/react-query'
import { supabase } from '../../../lib/supabase.ts'
import { chainVerdict } from '../lib/audit-diff.ts'

/** Asks the database to re-hash the whole trail; resolves to what the answer means. */
export async function verifyAuditChain() {
  const { data, error } = await supabase.rpc('verify_audit_chain')
  if (error) throw new Error(error.code === '42501' ? 'Only organization admins can verify the audit chain.' : error.message)
  return chainVerdict(data ?? null)
}

export const useVerifyAuditChain = () => useMutation({ mutationFn: verifyAuditChain })
