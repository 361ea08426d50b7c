import path from 'node:path'
import type { SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import { startTestStack, type TestStack } from '../helpers/stack.ts'

/** Ids the seed gives the demo rows (supabase/seed.sql). */
export const DEMO = {
  password: 'opzenix-demo',
  users: {
    admin: '00000000-0000-4000-a000-000000000001',
    operator: '00000000-0000-4000-a000-000000000002',
    viewer: '00000000-0000-4000-a000-000000000003',
    globex: '00000000-0000-4000-a000-000000000004',
    lead: '00000000-0000-4000-a000-000000000005',
    sre: '00000000-0000-4000-a000-000000000006',
  },
  acme: '10000000-0000-4000-a000-000000000001',
  globex: '10000000-0000-4000-a000-000000000002',
  project: '20000000-0000-4000-a000-000000000001',
  env: {
    dev: '30000000-0000-4000-a000-000000000001',
    uat: '30000000-0000-4000-a000-000000000002',
    staging: '30000000-0000-4000-a000-000000000003',
    preprod: '30000000-0000-4000-a000-000000000004',
    prod: '30000000-0000-4000-a000-000000000005',
  },
  runningExecution: '40000000-0000-4000-a000-000000000001',
  connection: '50000000-0000-4000-a000-000000000001',
} as const

export type Client = SupabaseClient<any, 'public', any>

/** A fresh stack on the real project folder (supabase/), with migrations and seed applied. */
export function startProjectStack(): Promise<TestStack> {
  return startTestStack(path.resolve('supabase'))
}

/** A supabase-js client signed in through /auth/v1 with a seeded or created user's password. */
export async function signIn(stack: TestStack, email: string, password = DEMO.password): Promise<Client> {
  const client = stack.anon()
  const { error } = await client.auth.signInWithPassword({ email, password })
  if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`)
  return client
}

/** Runs SQL as the database owner (postgres), outside the API. */
export async function sql<T extends pg.QueryResultRow = any>(stack: TestStack, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack.dbUrl })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Signs up `count` users through the Auth admin API and adds them to an organization with a role. */
export async function createMembers(stack: TestStack, prefix: string, count: number, orgId: string, role: string): Promise<Array<{ id: string; email: string }>> {
  const admin = stack.service().auth.admin
  const users = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const email = `${prefix}-${i}@example.test`
    const { data, error } = await admin.createUser({ email, password: DEMO.password, email_confirm: true })
    if (error) throw new Error(`createUser ${email}: ${error.message}`)
    return { id: data.user!.id, email }
  }))
  const { error } = await stack.service().from('organization_members')
    .insert(users.map((u) => ({ organization_id: orgId, user_id: u.id, role })))
  if (error) throw new Error(`memberships: ${error.message}`)
  return users
}
