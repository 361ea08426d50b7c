import type pg from 'pg'
import type { Caller } from './caller.ts'
import { FULL_ACCESS, type ChannelAccess } from './channel.ts'

/**
 * What a caller may do on a private channel, decided by RLS on realtime.messages with realtime.topic() set:
 * a select policy lets them receive, an insert policy lets them send. Probes are rolled back.
 */
export async function privateChannelAccess(pool: pg.Pool, caller: Caller, subTopic: string): Promise<ChannelAccess> {
  if (caller.bypassRls) return FULL_ACCESS
  const client = await pool.connect()
  try {
    await client.query('begin')
    const probes = await client.query<{ id: string; extension: string }>(
      `insert into realtime.messages (topic, extension, private) values ($1, 'broadcast', true), ($1, 'presence', true)
       returning id::text, extension`,
      [subTopic],
    )
    await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('realtime.topic', $3, true)`,
      [caller.role, caller.claimsJson, subTopic])
    const readable = async (extension: string) => {
      const id = probes.rows.find((p) => p.extension === extension)!.id
      const { rowCount } = await client.query('select 1 from realtime.messages where id = $1::uuid', [id])
      return rowCount === 1
    }
    const writable = async (extension: string) => {
      await client.query('savepoint probe')
      try {
        await client.query(`insert into realtime.messages (topic, extension, private) values ($1, $2, true)`, [subTopic, extension])
        return true
      } catch {
        await client.query('rollback to savepoint probe')
        return false
      }
    }
    return {
      broadcastRead: await readable('broadcast'),
      presenceRead: await readable('presence'),
      broadcastWrite: await writable('broadcast'),
      presenceWrite: await writable('presence'),
    }
  } finally {
    await client.query('rollback').catch(() => {})
    client.release()
  }
}
