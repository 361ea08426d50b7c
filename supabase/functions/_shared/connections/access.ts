// Who may check what: members check their organization's saved connections; testing credentials that are
// not saved yet (typed into a form) is for organization admins.
import type { Caller } from '../auth.ts'
import { forbidden, notFound } from '../http.ts'

export interface ConnectionRow {
  id: string
  organization_id: string
  type: string
  name: string
  config: Record<string, unknown>
  secret_ref: string | null
}

export async function requireOrgRole(caller: Caller, organizationId: string, role: 'admin' | 'operator' | 'viewer', action: string) {
  const { data, error } = await caller.db.rpc('org_role_at_least', { _org_id: organizationId, _role: role })
  if (error) throw error
  if (data !== true) throw forbidden(`Only ${role === 'viewer' ? 'a member' : `an ${role}`} of this organization can ${action}`)
}

/** The connection as the caller sees it under RLS: 404 when it does not exist or is not theirs. */
export async function readConnection(caller: Caller, id: string): Promise<ConnectionRow> {
  const { data, error } = await caller.db.from('connections').select('id, organization_id, type, name, config, secret_ref').eq('id', id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No connection with this id in your organizations')
  return data as ConnectionRow
}

/** A credential named by a connection's secret_ref: a function secret (`supabase secrets set NAME=...`). */
export function secretNamed(name: string | null): string | undefined {
  return name ? Deno.env.get(name) ?? undefined : undefined
}
