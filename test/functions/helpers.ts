import { FunctionsHttpError } from '@supabase/supabase-js'
import type { TestStack } from '../helpers/stack.ts'
import { signIn, sql, type Client } from '../data-model/demo.ts'

export const ROLES = ['admin', 'operator', 'viewer', 'globex'] as const
export type Role = (typeof ROLES)[number]
export type Clients = Record<Role | 'anon', Client>

/** Signed-in clients for Acme's admin, operator and viewer, Globex's admin (another org) and anon. */
export async function roleClients(stack: TestStack): Promise<Clients> {
  const signedIn = await Promise.all(ROLES.map((role) => signIn(stack, `${role}@opzenix.dev`)))
  return { ...Object.fromEntries(ROLES.map((role, i) => [role, signedIn[i]])), anon: stack.anon() } as Clients
}

export interface Reply<T = any> { status: number; body: T }

/** Calls an edge function through supabase-js and returns its status and JSON body, error or not. */
export async function invoke<T = any>(client: Client, name: string, body?: unknown): Promise<Reply<T>> {
  const { data, error, response } = await client.functions.invoke(name, { body: body as Record<string, unknown> })
  if (error instanceof FunctionsHttpError) {
    const res = error.context as Response
    return { status: res.status, body: await res.json() }
  }
  if (error) throw error
  return { status: response!.status, body: data as T }
}

/** A raw POST (for bodies supabase-js would never send) as a signed-in client. */
export async function rawPost(stack: TestStack, client: Client, name: string, body: string, contentType: string): Promise<Reply> {
  const { data } = await client.auth.getSession()
  const res = await fetch(`${stack.apiUrl}/functions/v1/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${data.session!.access_token}`, apikey: stack.anonKey, 'content-type': contentType },
    body,
  })
  return { status: res.status, body: await res.json() }
}

/** Row counts of the given tables, to show that a refused call wrote nothing. */
export async function counts(stack: TestStack, tables: string[]): Promise<Record<string, number>> {
  const rows = await sql(stack, `select ${tables.map((t) => `(select count(*)::int from public.${t}) as ${t}`).join(', ')}`)
  return rows[0]
}

/** The one error shape every function answers with. */
export function expectError(reply: Reply, status: number, code?: string): void {
  if (reply.status !== status || typeof reply.body?.error?.message !== 'string' || (code && reply.body.error.code !== code)) {
    throw new Error(`expected ${status} ${code ?? ''}, got ${reply.status} ${JSON.stringify(reply.body)}`)
  }
}

/** Polls `probe` until it returns a value (not undefined), up to `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
