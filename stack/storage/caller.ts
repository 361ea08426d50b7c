import type { IncomingMessage } from 'node:http'
import { bearerToken, verifyJwt, type SupabaseClaims } from '../jwt.ts'
import { errors } from './errors.ts'

/** Who is calling: the verified JWT claims, the Postgres role they act as, and the owner id objects get. */
export interface Caller {
  claims: SupabaseClaims
  role: string
  /** The JWT `sub`, stored as owner_id (and as owner when it is a uuid). */
  owner?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function ownerUuid(owner: string | undefined): string | null {
  return owner && UUID.test(owner) ? owner : null
}

/** Verifies the caller's JWT as Supabase Storage does: the bearer token, or the apikey when no Authorization is sent. */
export async function authenticate(req: IncomingMessage, jwtSecret: string): Promise<Caller> {
  const apikey = typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined
  const token = bearerToken(req.headers.authorization) ?? apikey
  if (!token) throw errors.missingAuthorization()
  return callerFromToken(token, jwtSecret)
}

export async function callerFromToken(token: string, jwtSecret: string): Promise<Caller> {
  let claims: SupabaseClaims
  try {
    claims = await verifyJwt(token, jwtSecret)
  } catch (error) {
    throw errors.accessDenied((error as Error).message)
  }
  return { claims, role: claims.role ?? 'anon', owner: typeof claims.sub === 'string' ? claims.sub : undefined }
}
