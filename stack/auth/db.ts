import type pg from 'pg'

export type Db = pg.Pool | pg.PoolClient

/** Runs `fn` in one transaction on a pooled connection (as the postgres superuser, so auth.users triggers fire). */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
