import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'

/** An error GoTrue answers with an HTTP status, a machine-readable code and a message. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields, e.g. `weak_password: { reasons }`. */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message)
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message)
export const forbidden = (code: string, message: string) => new AuthError(403, code, message)
export const notFound = (code: string, message: string) => new AuthError(404, code, message)

export function weakPassword(message: string, reasons: string[]): AuthError {
  return new AuthError(422, 'weak_password', message, { weak_password: { reasons } })
}

export const API_VERSION_HEADER = 'x-supabase-api-version'
const API_VERSION_2024 = '2024-01-01'

/** The API version GoTrue settles on: 2024-01-01 for any valid date from then on, else the initial one. */
export function requestedApiVersion(req: IncomingMessage): string | undefined {
  const raw = req.headers[API_VERSION_HEADER]
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined
  const date = Date.parse(`${raw}T00:00:00Z`)
  if (Number.isNaN(date) || date < Date.parse(`${API_VERSION_2024}T00:00:00Z`)) return undefined
  return API_VERSION_2024
}

/** Headers every auth answer carries: the echoed API version, and what browsers may read cross-origin. */
export function authHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {
    'access-control-expose-headers': 'X-Total-Count, Link, X-Supabase-Api-Version',
  }
  const version = requestedApiVersion(req)
  if (version) headers[API_VERSION_HEADER] = version
  return headers
}

/**
 * Answers an error the way GoTrue does: `{ code: "<error_code>", message }` for clients that send
 * `X-Supabase-Api-Version: 2024-01-01` (auth-js does), `{ code: <status>, error_code, msg }` otherwise.
 */
export function sendAuthError(req: IncomingMessage, res: ServerResponse, error: unknown, log: (line: string) => void): void {
  const known = error instanceof AuthError
    ? error
    : new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information')
  if (!(error instanceof AuthError)) log(`unexpected: ${(error as Error)?.stack ?? String(error)}`)
  const body = requestedApiVersion(req)
    ? { code: known.code, message: known.message, ...known.extra }
    : { code: known.status, error_code: known.code, msg: known.message, ...known.extra }
  sendJson(res, known.status, body, { ...authHeaders(req), ...known.headers })
}
