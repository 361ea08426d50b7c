import { conflict, forbidden, HttpError, notFound } from '../_shared/http.ts'

interface PostgrestError { code?: string; message: string; hint?: string | null }

/** Turns the database's refusal (guard trigger, RLS, rollback_deployment's checks) into the shared error shape. */
export function databaseError(error: PostgrestError): unknown {
  const { code, message, hint } = error
  if (code === 'PT404') return notFound(message)
  if (code === 'PT409') return conflict(message)
  if (code === '42501' && /is locked/.test(message)) return new HttpError(409, 'environment_locked', message, hint ? { hint } : undefined)
  if (code === '42501' && /is frozen/.test(message)) return new HttpError(409, 'environment_frozen', message, hint ? { hint } : undefined)
  if (code === '42501') return forbidden(message)
  if (code === '23514') return conflict(message)
  return error
}
