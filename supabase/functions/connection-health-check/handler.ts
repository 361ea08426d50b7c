// POST {connection_id}: check one connection now (organization operators and admins). Called with the
// service role key and no connection_id (a pg_cron schedule), it checks every connection. Each check writes
// a connection_health_events row and sets the connection's status.
import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'
import { requireCaller, serviceClient } from '../_shared/auth.ts'
import { type ConnectionRow, readConnection, requireOrgRole } from '../_shared/connections/access.ts'
import { checkConnection } from '../_shared/connections/check-connection.ts'
import type { ValidationResult } from '../_shared/connections/result.ts'
import { badRequest, handle, json, notFound, readInput } from '../_shared/http.ts'

const Input = z.object({ connection_id: z.uuid().optional() }).strict()
const PARALLEL = 4

function jwtRole(req: Request): string | undefined {
  const token = req.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    return payload.role
  } catch {
    return undefined
  }
}

async function checkAndRecord(admin: SupabaseClient, connection: ConnectionRow): Promise<ValidationResult & { connection_id: string }> {
  const result = await checkConnection(admin, connection)
  const { error } = await admin.from('connection_health_events').insert({
    connection_id: connection.id, organization_id: connection.organization_id, status: result.status,
    response_time_ms: result.response_time_ms, message: result.message,
  })
  if (error) throw error
  const { error: updateError } = await admin.from('connections').update({
    status: result.status, validated: result.ok, last_validated_at: new Date().toISOString(),
  }).eq('id', connection.id)
  if (updateError) throw updateError
  return { connection_id: connection.id, ...result }
}

export const healthCheck = handle(['POST'], async (req) => {
  // The gateway (verify_jwt) has checked the signature, so the role claim can be trusted here.
  const scheduled = jwtRole(req) === 'service_role'
  const input = scheduled && !(req.headers.get('content-type') ?? '').includes('json') ? {} : await readInput(req, Input)
  if (scheduled && !input.connection_id) {
    const admin = serviceClient()
    const { data, error } = await admin.from('connections').select('id, organization_id, type, name, config, secret_ref').order('created_at')
    if (error) throw error
    const rows = data as ConnectionRow[]
    const results: Awaited<ReturnType<typeof checkAndRecord>>[] = []
    for (let i = 0; i < rows.length; i += PARALLEL) {
      results.push(...await Promise.all(rows.slice(i, i + PARALLEL).map((c) => checkAndRecord(admin, c))))
    }
    return json({ checked: results.length, results })
  }
  if (scheduled) {
    const admin = serviceClient()
    const { data, error } = await admin.from('connections').select('id, organization_id, type, name, config, secret_ref').eq('id', input.connection_id!).maybeSingle()
    if (error) throw error
    if (!data) throw notFound('No connection with this id')
    return json(await checkAndRecord(admin, data as ConnectionRow))
  }
  const caller = await requireCaller(req)
  if (!input.connection_id) throw badRequest('connection_id: required')
  const connection = await readConnection(caller, input.connection_id)
  await requireOrgRole(caller, connection.organization_id, 'operator', 'run a health check')
  return json(await checkAndRecord(caller.admin, connection))
})
