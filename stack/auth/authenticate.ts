import type { IncomingMessage } from 'node:http'
import { bearerToken, verifyJwt, type SupabaseClaims } from '../jwt.ts'
import type { StackContext } from '../service.ts'
import { AuthError, forbidden } from './errors.ts'
import { findSession } from './sessions.ts'
import { findUserById } from './users.ts'
import type { UserRow } from './user-json.ts'

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin'])

/** The verified claims of the request's bearer token, or GoTrue's no_authorization / bad_jwt errors. */
export async function requireClaims(ctx: StackContext, req: IncomingMessage): Promise<SupabaseClaims> {
  const token = bearerToken(req.headers.authorization)
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
  try {
    return await verifyJwt(token, ctx.config.jwtSecret)
  } catch (error) {
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`)
  }
}

export interface Caller {
  claims: SupabaseClaims
  user: UserRow
  sessionId?: string
}

/** A signed-in user whose user row and session (if the token names one) still exist. */
export async function requireUser(ctx: StackContext, req: IncomingMessage): Promise<Caller> {
  const claims = await requireClaims(ctx, req)
  if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim')
  const user = await findUserById(ctx.pool, claims.sub)
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist')
  const sessionId = typeof claims.session_id === 'string' && claims.session_id ? claims.session_id : undefined
  if (sessionId && !(await findSession(ctx.pool, sessionId))) {
    throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
  }
  return { claims, user, sessionId }
}

/** The admin API is for service_role (and supabase_admin) tokens only. */
export async function requireAdmin(ctx: StackContext, req: IncomingMessage): Promise<SupabaseClaims> {
  const claims = await requireClaims(ctx, req)
  if (!claims.role || !ADMIN_ROLES.has(claims.role)) throw forbidden('not_admin', 'User not allowed')
  return claims
}

export function isAdminClaims(claims: SupabaseClaims): boolean {
  return Boolean(claims.role && ADMIN_ROLES.has(claims.role))
}

