// Signed approve/reject links: `v1.<claims>.<signature>`, claims base64url JSON
// {r: request id, u: approver's user id, d: 'approve' | 'reject', e: expiry (unix seconds), n: nonce},
// signature base64url HMAC-SHA256 over `v1.<claims>` with the function secret OPZENIX_LINK_SECRET. A link is
// bound to one approver and one request; its nonce makes it single use (the database records used nonces).
import { constantTimeEqual, fromBase64Url, hmacSha256, toBase64Url } from './hmac.ts'

export type Decision = 'approve' | 'reject'

export interface LinkClaims {
  requestId: string
  userId: string
  decision: Decision
  /** Unix seconds. */
  expiresAt: number
  nonce: string
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' }
  | { ok: false; reason: 'expired'; claims: LinkClaims }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NONCE = /^[A-Za-z0-9_-]{16,64}$/

export function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(18)))
}

export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify({
    r: claims.requestId, u: claims.userId, d: claims.decision, e: claims.expiresAt, n: claims.nonce,
  })))
  return `v1.${body}.${toBase64Url(await hmacSha256(secret, `v1.${body}`))}`
}

/** Checks the signature first (nothing in an unsigned token is believed), then the shape, then the expiry. */
export async function verifyLink(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LinkCheck> {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== 'v1' || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' }
  const expected = toBase64Url(await hmacSha256(secret, `v1.${parts[1]}`))
  if (!constantTimeEqual(expected, parts[2])) return { ok: false, reason: 'bad_signature' }
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1])))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const { r, u, d, e, n } = raw ?? {}
  if (typeof r !== 'string' || !UUID.test(r) || typeof u !== 'string' || !UUID.test(u) || (d !== 'approve' && d !== 'reject')
    || typeof e !== 'number' || !Number.isInteger(e) || typeof n !== 'string' || !NONCE.test(n)) {
    return { ok: false, reason: 'malformed' }
  }
  const claims: LinkClaims = { requestId: r, userId: u, decision: d, expiresAt: e, nonce: n }
  if (e <= nowSeconds) return { ok: false, reason: 'expired', claims }
  return { ok: true, claims }
}

// Only for the local stack (SUPABASE_URL on this machine): a deployed project must set its own secret.
const LOCAL_DEV_SECRET = 'opzenix-local-development-link-secret-not-for-production'

/** OPZENIX_LINK_SECRET, or an error saying how to set it (a local stack has a development default). */
export function linkSecret(env: (name: string) => string | undefined): string {
  const configured = env('OPZENIX_LINK_SECRET')
  if (configured) return configured
  if (/^https?:\/\/(127\.0\.0\.1|localhost|kong)(:\d+)?(\/|$)/.test(env('SUPABASE_URL') ?? '')) return LOCAL_DEV_SECRET
  throw new Error('OPZENIX_LINK_SECRET is not set: run `supabase secrets set OPZENIX_LINK_SECRET=$(openssl rand -base64 32)`')
}
