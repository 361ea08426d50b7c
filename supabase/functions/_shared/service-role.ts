// Functions only the scheduler calls (engine-tick, otel-export) accept the service role and nobody else.
import { forbidden, unauthorized } from './http.ts'

/** The runtime already verified the JWT's signature (verify_jwt); here only its role claim matters. */
export function requireServiceRole(req: Request, refusal: string): void {
  const token = req.headers.get('authorization')?.replace(/^bearer\s+/i, '')
  if (!token) throw unauthorized()
  if (roleClaim(token) !== 'service_role') throw forbidden(refusal)
}

function roleClaim(token: string): unknown {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '='))).role
  } catch {
    return null
  }
}
