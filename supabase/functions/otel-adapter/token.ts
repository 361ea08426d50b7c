// Ingest tokens: taken from `Authorization: Bearer` or `x-opzenix-ingest-token`, hashed (only hashes are
// stored), and resolved to their project. Resolutions are cached briefly per worker so a steady exporter
// costs one database call per request; the insert re-checks the token, so a revoked token stops writing at once.
import { HttpError } from '../_shared/http.ts'
import { tokenProject } from './db.ts'

const CACHE_MS = 30_000
const cache = new Map<string, number>() // token hash → valid until

export const badToken = () => new HttpError(401, 'unauthorized', 'Send a valid Opzenix ingest token (Authorization: Bearer <token> or x-opzenix-ingest-token)')

export function tokenOf(req: Request): string | undefined {
  const header = req.headers.get('x-opzenix-ingest-token')?.trim()
  if (header) return header
  const authorization = req.headers.get('authorization') ?? ''
  return /^bearer\s+(\S+)$/i.exec(authorization.trim())?.[1]
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The hash of the request's token when it is an active ingest token; 401 otherwise. `beforeLookup` runs before
 * the database is asked about a token this worker has not seen lately (the rate limits' verdict).
 */
export async function requireIngestToken(req: Request, beforeLookup?: () => Promise<void>): Promise<string> {
  const token = tokenOf(req)
  if (!token) {
    await beforeLookup?.()
    throw badToken()
  }
  const hash = await sha256Hex(token)
  if ((cache.get(hash) ?? 0) > Date.now()) return hash
  await beforeLookup?.()
  if (!(await tokenProject(hash))) throw badToken()
  cache.set(hash, Date.now() + CACHE_MS)
  return hash
}

export function forgetToken(hash: string): void {
  cache.delete(hash)
}
