// Webhook hot path: straight SQL over SUPABASE_DB_URL (set for every function, locally and on hosted
// Supabase), one round trip per step, so acknowledging a delivery never waits on PostgREST.
import pg from 'pg'

const pools = new Map<string, pg.Pool>()

type Kind = 'durable' | 'relaxed' | 'ack'

function pool(kind: Kind): pg.Pool {
  let found = pools.get(kind)
  if (!found) {
    const url = Deno.env.get('SUPABASE_DB_URL')
    if (!url) throw new Error('SUPABASE_DB_URL is not set')
    found = new pg.Pool({
      connectionString: url,
      // Acknowledgements have connections of their own, so work done after a 202 never holds up the next 202.
      max: kind === 'ack' ? 2 : Number(Deno.env.get('WEBHOOK_DB_POOL') ?? 8),
      idleTimeoutMillis: 30_000,
      // Relaxed commits do not wait for the WAL flush: a crash may forget the last few hundred ms of them.
      ...(kind === 'relaxed' ? { options: '-c synchronous_commit=off' } : {}),
    })
    found.on('error', (error) => console.error(`webhook pool (${kind}):`, error.message))
    pools.set(kind, found)
  }
  return found
}

/** The worker's pool (service-level access: only for work the caller was already authorized for). */
export const sql = () => pool('durable')

/**
 * For writes that can be lost in a database crash without harm: a delivery's final status (a lost one
 * leaves the row 'received'/'processing', visibly unfinished). Never for the delivery itself or a claim.
 */
export const relaxedSql = () => pool('relaxed')

/** Durable commits reserved for storing deliveries before they are acknowledged. */
export const ackSql = () => pool('ack')

const names = new Map<string, string>()

/**
 * A query as a named prepared statement: each connection parses and plans it once instead of on every
 * delivery (the hot statements run thousands of times a minute under load).
 */
export function prepared(text: string, values: unknown[] = []): pg.QueryConfig {
  let name = names.get(text)
  if (!name && names.size < 200) names.set(text, name = `webhook_${names.size}`) // texts are fixed; the cap is a guard
  return name ? { name, text, values } : { text, values }
}

export async function one<T>(text: string, values: unknown[] = []): Promise<T | undefined> {
  const { rows } = await sql().query(prepared(text, values))
  return rows[0] as T | undefined
}

export async function many<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const { rows } = await sql().query(prepared(text, values))
  return rows as T[]
}
