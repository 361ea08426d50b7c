import type { IncomingMessage } from 'node:http'
import { decodeProtectedHeader } from 'jose'
import { verifyJwt } from '../jwt.ts'

/**
 * The edge runtime's `verify_jwt` gate. Returns the refusal message, or undefined when the caller may pass.
 * Messages are those of the CLI's runtime (`Error: ...` is how it prints the thrown error).
 */
export async function refusal(req: IncomingMessage, jwtSecret: string): Promise<string | undefined> {
  const header = req.headers.authorization
  if (!header) return 'Error: Missing authorization header'
  const [scheme, token] = header.split(' ')
  if (scheme !== 'Bearer') return "Error: Auth header is not 'Bearer {token}'"
  try {
    decodeProtectedHeader(token ?? '')
  } catch {
    return 'TypeError: Invalid Token or Protected Header formatting'
  }
  try {
    await verifyJwt(token, jwtSecret)
    return undefined
  } catch {
    return 'Invalid JWT'
  }
}
