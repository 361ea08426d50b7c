// Who is calling, and may they? Every function resolves the caller from their JWT and asks the database
// (the same helpers the RLS policies use) whether their role in the project allows the action.
import { createClient, type SupabaseClient, type User } from '@supabase/supabase-js'
import { forbidden, unauthorized } from './http.ts'

export type AppRole = 'admin' | 'operator' | 'viewer'

export interface Caller {
  user: User
  /** Acts as the caller: PostgREST applies their RLS. */
  db: SupabaseClient
  /** Acts as the service role: only for the writes the caller was just authorized to cause. */
  admin: SupabaseClient
}

function env(name: string): string {
  const value = Deno.env.get(name)
  if (!value) throw new Error(`${name} is not set`)
  return value
}

export function serviceClient(): SupabaseClient {
  return createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
    auth: { persistSession: false, autoRefreshToken: false },
  })
}

export async function requireCaller(req: Request): Promise<Caller> {
  const authorization = req.headers.get('authorization')
  if (!authorization?.toLowerCase().startsWith('bearer ')) throw unauthorized()
  const db = createClient(env('SUPABASE_URL'), env('SUPABASE_ANON_KEY'), {
    global: { headers: { authorization } },
    auth: { persistSession: false, autoRefreshToken: false },
  })
  const { data, error } = await db.auth.getUser(authorization.slice(7))
  if (error || !data.user) throw unauthorized('Your session is not valid; sign in again')
  return { user: data.user, db, admin: serviceClient() }
}

const roleLabel: Record<AppRole, string> = { admin: 'an admin', operator: 'an operator or admin', viewer: 'a member' }

/** Throws 403 unless the caller holds `role` or a stronger one in the project's organization. */
export async function requireProjectRole(caller: Caller, projectId: string, role: AppRole, action: string): Promise<void> {
  const { data, error } = await caller.db.rpc('project_role_at_least', { _project_id: projectId, _role: role })
  if (error) throw error
  if (data !== true) throw forbidden(`Only ${roleLabel[role]} of this project can ${action}`)
}
