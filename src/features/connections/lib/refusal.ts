/** What PostgREST or a function hands back when a write is refused. */
export interface Refusal {
  code?: string | null
  message?: string | null
}

export type WriteAction = 'add' | 'change' | 'delete'

const verb: Record<WriteAction, string> = { add: 'add', change: 'change', delete: 'delete' }

/**
 * The connections table's refusals (RLS admin policies, the unique name per organization, the type check)
 * as one sentence; unknown refusals keep the database's own words.
 */
export function refusalMessage(error: Refusal, action: WriteAction, name?: string): string {
  const code = error.code ?? ''
  const message = error.message ?? ''
  if (code === '23505' || /connections_organization_id_name_key/.test(message)) {
    return `A connection named ${name ? `“${name}” ` : 'like this '}already exists in this organization; pick another name.`
  }
  if (code === '42501' || /row-level security/i.test(message)) return `Only organization admins can ${verb[action]} connections.`
  if (code === '23514' && /type/.test(message)) return 'Opzenix does not support this connection type.'
  if (code === 'PGRST116' || code === 'no_rows') {
    return `Nothing was ${action === 'delete' ? 'deleted' : 'changed'}: the connection is gone, or only organization admins can ${verb[action]} it.`
  }
  return message ? `The database refused to ${verb[action]} the connection: ${message}` : `Could not ${verb[action]} the connection.`
}
