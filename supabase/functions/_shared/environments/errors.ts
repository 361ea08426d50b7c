import { conflict, forbidden, HttpError, notFound } from '../http.ts'

interface PostgrestError { code?: string; message: string; details?: string | null; hint?: string | null }

/**
 * Turns the database's refusals (create_environment and friends, the configuration version trigger, RLS) into
 * the shared error shape, keeping the database's sentence as the message.
 */
export function environmentDbError(error: PostgrestError): unknown {
  const { code, message } = error
  if (code === 'PT404') return notFound(message)
  if (code === 'PT409' || code === '23505') return conflict(message)
  if (code === '42501') return forbidden(message)
  if (code === '22023' || code === '23514' || code === '23502' || code === '22P02' || code === '23503') {
    return new HttpError(400, 'invalid_input', message)
  }
  return error
}
