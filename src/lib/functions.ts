import { FunctionsHttpError } from '@supabase/supabase-js'
import { supabase } from './supabase.ts'

/** An edge function's refusal, carrying its `{ error: { code, message, details } }` body. */
export class FunctionError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message)
  }
}

/** Calls an Opzenix edge function with the signed-in user's token; throws FunctionError on a 4xx/5xx. */
export async function invokeFunction<T>(name: string, body?: Record<string, unknown>, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>(name, { body, method })
  if (!error) return data as T
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response
    const payload = await response.json().catch(() => null) as { error?: { code?: string; message?: string; details?: unknown } } | null
    throw new FunctionError(response.status, payload?.error?.code ?? 'error', payload?.error?.message ?? `${name} failed (${response.status})`, payload?.error?.details)
  }
  throw new FunctionError(0, 'network', `Could not reach ${name}: ${error.message}`)
}
