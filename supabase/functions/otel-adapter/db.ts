// The ingest hot path talks to Postgres directly over SUPABASE_DB_URL (set for every function, locally and on
// hosted Supabase): a 512-span batch is one round trip to the database, not a second trip through the API
// gateway and PostgREST, which re-sent and re-read the whole body. Both calls are security definer functions
// scoped by the token's hash, exactly as the rpc was.
import pg from 'pg'

let pool: pg.Pool | undefined

function db(): pg.Pool {
  if (!pool) {
    const url = Deno.env.get('SUPABASE_DB_URL')
    if (!url) throw new Error('SUPABASE_DB_URL is not set')
    pool = new pg.Pool({ connectionString: url, max: Number(Deno.env.get('OTEL_ADAPTER_DB_POOL') ?? 8), idleTimeoutMillis: 30_000 })
    pool.on('error', (error) => console.error('otel-adapter pool:', error.message))
  }
  return pool
}

/** The token's project, or null when the hash is unknown or revoked. */
export async function tokenProject(tokenHash: string): Promise<string | null> {
  const { rows } = await db().query('select public.otel_ingest_token_project($1) as project', [tokenHash])
  return rows[0]?.project ?? null
}

/** Writes one batch (see _shared/otlp/batch.ts); rejects with code 28000 when the token is unknown or revoked. */
export async function insertBatch(batch: string): Promise<number> {
  const { rows } = await db().query('select public.ingest_otel_batch($1::json) as n', [batch])
  return rows[0].n
}
