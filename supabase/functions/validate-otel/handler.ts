// validate-otel: an admin or operator checks an otel connection's OTLP endpoint. The probe's outcome is
// recorded as a connection_health_events row and on the connection (status, validated, last_validated_at).
import { z } from 'zod'
import { requireCaller } from '../_shared/auth.ts'
import { badRequest, forbidden, handle, json, notFound, readInput } from '../_shared/http.ts'
import { headersFrom, type OtelConnectionConfig, probe, tracesUrl } from './probe.ts'

const Input = z.object({ connection_id: z.uuid() })

export const handler = handle(['POST'], async (req) => {
  const caller = await requireCaller(req)
  const { connection_id } = await readInput(req, Input)

  const { data: connection, error } = await caller.db.from('connections')
    .select('id, organization_id, type, name, config, secret_ref').eq('id', connection_id).maybeSingle()
  if (error) throw error
  if (!connection) throw notFound('No such connection in your organizations')
  const { data: allowed, error: roleError } = await caller.db.rpc('org_role_at_least', { _org_id: connection.organization_id, _role: 'operator' })
  if (roleError) throw roleError
  if (allowed !== true) throw forbidden('Only an operator or admin of this organization can validate its connections')
  if (connection.type !== 'otel') throw badRequest(`${connection.name} is a ${connection.type} connection, not an OTLP endpoint`)

  const config = (connection.config ?? {}) as OtelConnectionConfig & { secret_header?: unknown }
  if (typeof config.endpoint !== 'string') throw badRequest('The connection has no config.endpoint to check')
  let url: URL
  try {
    url = tracesUrl(config.endpoint)
  } catch {
    throw badRequest(`config.endpoint is not an http(s) URL: ${config.endpoint}`)
  }
  const secret = connection.secret_ref ? Deno.env.get(connection.secret_ref) : undefined
  const secretHeader = typeof config.secret_header === 'string' ? config.secret_header : 'authorization'
  const timeoutMs = typeof config.timeout_ms === 'number' && config.timeout_ms > 0 ? Math.min(config.timeout_ms, 30_000) : 10_000
  const result = await probe(url, headersFrom(config, secret, secretHeader), timeoutMs)

  // Service role: health events and validation fields are not writable by API roles; the caller was just authorized.
  const { error: eventError } = await caller.admin.from('connection_health_events').insert({
    connection_id, status: result.status, response_time_ms: result.response_time_ms, message: result.message,
  })
  if (eventError) throw eventError
  const { error: updateError } = await caller.admin.from('connections')
    .update({ status: result.status, validated: result.ok, last_validated_at: new Date().toISOString() }).eq('id', connection_id)
  if (updateError) throw updateError
  return json(result)
})
