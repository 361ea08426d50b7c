// POST {} → 200 { deleted }: removes expired demo sandboxes (cleanup_expired_sandboxes: the organization, every
// row under it and its anonymous visitor). Called by the local stack's scheduler and, on hosted Supabase, by
// pg_cron + pg_net (docs/demo.md), with the service role key; anyone else gets 401/403.
import { serviceClient } from '../_shared/auth.ts'
import { handle, json } from '../_shared/http.ts'
import { requireServiceRole } from '../_shared/service-role.ts'

export const handler = handle(['POST'], async (req) => {
  requireServiceRole(req, 'Only the scheduler (service role) may clean up sandboxes')
  // The service client: the cleanup deletes across organizations and auth.users, which no user may.
  const { data, error } = await serviceClient().rpc('cleanup_expired_sandboxes')
  if (error) throw error
  return json({ deleted: data as number })
})
