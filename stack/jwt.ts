import { jwtVerify, SignJWT, type JWTPayload } from 'jose'

const encoder = new TextEncoder()

/** Claims every Supabase JWT carries that the stack relies on. */
export interface SupabaseClaims extends JWTPayload {
  role?: string
  email?: string
  session_id?: string
}

/** Verifies an HS256 JWT signed with the stack's secret; throws on a bad signature or expiry. */
export async function verifyJwt(token: string, secret: string): Promise<SupabaseClaims> {
  const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] })
  return payload as SupabaseClaims
}

/** Signs claims as HS256 (the algorithm of Supabase's legacy JWT secret). */
export function signJwt(claims: SupabaseClaims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(encoder.encode(secret))
}

/** The bearer token of an Authorization header, if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  return match?.[1]
}
