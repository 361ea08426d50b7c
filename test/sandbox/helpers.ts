import { createClient } from '@supabase/supabase-js'
import ws from 'ws'
import type { TestStack } from '../helpers/stack.ts'
import type { Client } from '../data-model/demo.ts'

/** A supabase-js client signed in anonymously, its requests arriving from `ip` (x-forwarded-for, as behind a proxy). */
export async function anonymousVisitor(stack: TestStack, ip = '198.51.100.1'): Promise<{ client: Client; userId: string }> {
  const client = createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws as any },
    global: { headers: { 'x-forwarded-for': ip } },
  })
  const { data, error } = await client.auth.signInAnonymously()
  if (error) throw new Error(`anonymous sign-in: ${error.message}`)
  return { client, userId: data.user!.id }
}

/** Opens the visitor's sandbox and returns its organization id (throws the database's refusal). */
export async function openSandbox(client: Client): Promise<string> {
  const { data, error } = await client.rpc('open_sandbox')
  if (error) throw Object.assign(new Error(error.message), { code: error.code })
  return data as string
}
