import { randomUUID } from 'node:crypto'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { signJwt } from '../jwt.ts'
import type { TestStack } from '../../test/helpers/stack.ts'

export interface TestUser {
  id: string
  token: string
  client: SupabaseClient<any, 'public', any>
}

/** Test-only: a user row in auth.users and a supabase-js client carrying a JWT signed for them. */
export async function createTestUser(stack: TestStack, email: string): Promise<TestUser> {
  const id = randomUUID()
  const db = new pg.Client({ connectionString: stack.dbUrl })
  await db.connect()
  try {
    await db.query(
      `insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())`,
      [id, email],
    )
  } finally {
    await db.end()
  }
  const token = await signJwt(
    { sub: id, role: 'authenticated', aud: 'authenticated', email, exp: Math.floor(Date.now() / 1000) + 3600 },
    stack.jwtSecret,
  )
  const client = createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
    realtime: { transport: ws as any },
  })
  return { id, token, client }
}
