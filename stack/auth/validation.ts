import { badRequest, unprocessable, weakPassword } from './errors.ts'

const MAX_PASSWORD_LENGTH = 72 // bcrypt ignores anything longer
// Roughly what GoTrue's checkmail.ValidateFormat accepts.
const EMAIL_FORMAT = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/

/** Lower-cased email, or GoTrue's validation error. */
export function validateEmail(email: unknown): string {
  if (typeof email !== 'string' || email === '') throw badRequest('validation_failed', 'An email address is required')
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long')
  if (!EMAIL_FORMAT.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format')
  return email.toLowerCase()
}

export function checkPasswordStrength(password: string, minimumLength: number): void {
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw unprocessable('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`)
  }
  if (password.length < minimumLength) {
    throw weakPassword(`Password should be at least ${minimumLength} characters.`, ['length'])
  }
}

/** Merges metadata the way GoTrue does: keys are set one by one, a null value removes the key. */
export function mergeMetadata(current: Record<string, unknown> | null, update: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...(current ?? {}) }
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  return merged
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An optional object field of a request body; anything else that is present is a validation error. */
export function optionalObject(body: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (!isObject(value)) throw badRequest('validation_failed', `${name} must be an object`)
  return value
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw badRequest('validation_failed', `${name} must be a string`)
  return value
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 }

/** Milliseconds of a Go duration such as "24h" or "1h30m"; `none` lifts a ban (null). */
export function parseBanDuration(value: string): number | null {
  if (value === 'none') return null
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw badRequest('validation_failed', `invalid format for ban duration: time: invalid duration "${value}"`)
  }
  return parts.reduce((total, p) => total + Number(p[1]) * DURATION_UNITS[p[2]], 0)
}
