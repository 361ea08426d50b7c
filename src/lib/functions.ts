import { FunctionsHttpError } from '@supabase/supabase-js'
import { env } from './env.ts'
import { supabase } from './supabase.ts'

/** An edge function's refusal, carrying its `{ error: { code, message, details } }` body. */
export class FunctionError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message)
  }
}

/** The FunctionError for a function's refusal: the `{ error }` body's code, message and details, else `fallback`. */
export async function refusalOf(response: Response, fallback: string): Promise<FunctionError> {
  const payload = await response.json().catch(() => null) as { error?: { code?: string; message?: string; details?: unknown } } | null
  return new FunctionError(response.status, payload?.error?.code ?? 'error', payload?.error?.message ?? fallback, payload?.error?.details)
}

/** Calls an Opzenix edge function with the signed-in user's token; throws FunctionError on a 4xx/5xx. */
export async function invokeFunction<T>(name: string, body?: Record<string, unknown>, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>(name, { body, method })
  if (!error) return data as T
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response
    throw await refusalOf(response, `${name} failed (${response.status})`)
  }
  throw new FunctionError(0, 'network', `Could not reach ${name}: ${error.message}`)
}

/**
 * POSTs JSON to an edge function with the signed-in user's token by raw fetch, for answers invoke cannot read
 * (a stream, audio); throws FunctionError when unreachable or on a 4xx/5xx.
 */
export async function postFunction(name: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  const { data } = await supabase.auth.getSession()
  const res = await fetch(`${env.supabaseUrl}/functions/v1/${name}`, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', apikey: env.supabaseAnonKey, authorization: `Bearer ${data.session?.access_token ?? env.supabaseAnonKey}` },
  }).catch((error: Error) => { throw new FunctionError(0, 'network', `Could not reach ${name}: ${error.message}`) })
  if (!res.ok) throw await refusalOf(res, `${name} failed (${res.status})`)
  return res
}
