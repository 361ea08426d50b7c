import type pg from 'pg'
import type { Caller } from './caller.ts'
import { fromDbError } from './errors.ts'

export type Tx = pg.PoolClient

/**
 * Runs `fn` in a transaction acting as the caller (role and request.jwt.claims set locally), so the
 * project's policies on storage.buckets and storage.objects decide, as they do in Supabase Storage.
 * Pass no caller to act as the superuser (bucket limits, public and signed reads).
 */
export async function transaction<T>(pool: pg.Pool, caller: Caller | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    if (caller) {
      await client.query(
        `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true)`,
        [caller.role, JSON.stringify(caller.claims), caller.owner ?? ''],
      )
    }
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw fromDbError(error)
  } finally {
    client.release()
  }
}
