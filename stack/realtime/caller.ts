import type pg from 'pg'
import { verifyJwt, type SupabaseClaims } from '../jwt.ts'

/** Who a channel acts for: the role and claims of its JWT, as Postgres will see them. */
export interface Caller {
  role: string
  claims: SupabaseClaims
  /** The claims as the JSON string given to request.jwt.claims; also the key of an RLS check group. */
  claimsJson: string
  /** The role has BYPASSRLS (service_role): it sees every change. */
  bypassRls: boolean
  /** Expiry in epoch seconds, if the JWT has one. */
  exp?: number
}

export class CallerError extends Error {}

interface RoleInfo {
  usable: boolean
  bypassRls: boolean
}

/** Verifies tokens and looks roles up once (roles do not change while the stack runs, in practice). */
export class CallerResolver {
  private roles = new Map<string, Promise<RoleInfo>>()

  constructor(private pool: pg.Pool, private jwtSecret: string) {}

  async resolve(token: string | undefined): Promise<Caller> {
    if (!token) throw new CallerError('InvalidJWTToken: no access token')
    let claims: SupabaseClaims
    try {
      claims = await verifyJwt(token, this.jwtSecret)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ERR_JWT_EXPIRED') throw new CallerError('InvalidJWTToken: Token has expired')
      throw new CallerError(`InvalidJWTToken: ${(error as Error).message}`)
    }
    const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon'
    const info = await this.role(role)
    if (!info.usable) throw new CallerError(`InvalidJWTToken: role ${role} cannot be used`)
    return { role, claims, claimsJson: JSON.stringify(claims), bypassRls: info.bypassRls, exp: claims.exp }
  }

  private role(name: string): Promise<RoleInfo> {
    let info = this.roles.get(name)
    if (!info) {
      info = this.pool
        .query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [name])
        .then(({ rows }) => ({ usable: rows.length === 1 && !rows[0].rolsuper, bypassRls: rows[0]?.rolbypassrls ?? false }))
      info.catch(() => this.roles.delete(name))
      this.roles.set(name, info)
    }
    return info
  }
}
