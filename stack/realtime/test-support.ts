// Test-only helpers: users with signed JWTs, supabase-js clients that use them for Realtime, and waiting on events.
import { randomUUID } from 'node:crypto'
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { signJwt } from '../jwt.ts'
import type { TestStack } from '../../test/helpers/stack.ts'

export interface RealtimeUser {
  id: string
  token: string
  client: SupabaseClient<any, 'public', any>
}

/** A supabase-js client whose REST and Realtime requests carry `token` (vsn as given, default the library's). */
export function clientWithToken(stack: TestStack, token: string, vsn?: '1.0.0' | '2.0.0'): SupabaseClient<any, 'public', any> {
  return createClient(stack.apiUrl, stack.anonKey, {
    accessToken: async () => token,
    realtime: { transport: ws as any, ...(vsn ? { vsn } : {}) } as any,
  })
}

/** Inserts a user into auth.users and signs a JWT for them. */
export async function createRealtimeUser(stack: TestStack, email = `${randomUUID()}@example.com`, vsn?: '1.0.0' | '2.0.0'): Promise<RealtimeUser> {
  const id = randomUUID()
  await withDb(stack, (db) =>
    db.query(`insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())`, [id, email]),
  )
  const token = await signJwt(
    { sub: id, role: 'authenticated', aud: 'authenticated', email, exp: Math.floor(Date.now() / 1000) + 3600 },
    stack.jwtSecret,
  )
  const client = clientWithToken(stack, token, vsn)
  await client.realtime.setAuth(token)
  return { id, token, client }
}

export async function withDb<T>(stack: TestStack, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: stack.dbUrl })
  await db.connect()
  try {
    return await work(db)
  } finally {
    await db.end()
  }
}

/** Subscribes and resolves once the server confirmed; rejects with the server's reason otherwise. */
export function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
  return new Promise((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === 'SUBSCRIBED') resolve(channel)
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(error ?? new Error(status))
    })
  })
}

/** Collects values and lets a test wait until some condition on them holds (bounded by `timeoutMs`). */
export class Inbox<T> {
  readonly items: T[] = []
  private waiters: Array<() => void> = []

  push = (item: T): void => {
    this.items.push(item)
    for (const wake of this.waiters.splice(0)) wake()
  }

  async until(condition: (items: T[]) => boolean, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs
    while (!condition(this.items)) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`condition not met; got ${this.items.length} items: ${JSON.stringify(this.items).slice(0, 500)}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => { clearTimeout(timer); resolve() })
      })
    }
    return this.items
  }
}
