// Webhook hot path: straight SQL over SUPABASE_DB_URL (set for every function, locally and on hosted
// Supabase), one round trip per step, so acknowledging a delivery never waits on PostgREST.
import pg from 'pg'

let pool: pg.Pool | undefined

/** The worker's connection pool (service-level access: only for work the caller was already authorized for). */
export function sql(): pg.Pool {
  if (!pool) {
    const url = Deno.env.get('SUPABASE_DB_URL')
    if (!url) throw new Error('SUPABASE_DB_URL is not set')
    pool = new pg.Pool({ connectionString: url, max: Number(Deno.env.get('WEBHOOK_DB_POOL') ?? 8), idleTimeoutMillis: 30_000 })
    pool.on('error', (error) => console.error('webhook pool:', error.message))
  }
  return pool
}

export async function one<T>(text: string, values: unknown[] = []): Promise<T | undefined> {
  const { rows } = await sql().query(text, values)
  return rows[0] as T | undefined
}

export async function many<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const { rows } = await sql().query(text, values)
  return rows as T[]
}
