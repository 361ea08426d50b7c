// One request/response shape for every Opzenix edge function: JSON in, JSON out, and one error body
// `{ "error": { "code": "snake_case", "message": "What went wrong, for a person", "details"?: … } }`.
import type { z } from 'zod'
import { installZodSentences } from './zod-sentences.ts'

// Validation errors (400 details, a pipeline's issues) are sentences a person can act on, as in the app.
installZodSentences()

export const corsHeaders: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type, traceparent, tracestate',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
}

export class HttpError extends Error {
  /** `headers` are sent with the error (Retry-After on a 429). */
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown, readonly headers?: Record<string, string>) {
    super(message)
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'invalid_input', message, details)
export const unauthorized = (message = 'Sign in first') => new HttpError(401, 'unauthorized', message)
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message)
export const notFound = (message: string) => new HttpError(404, 'not_found', message)
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details)

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'content-type': 'application/json', ...headers },
  })
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message }
    if (error.details !== undefined) body.details = error.details
    return json({ error: body }, error.status, error.headers)
  }
  console.error(error)
  return json({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } }, 500)
}

/** Parses a JSON body against a zod schema; anything else is a 400 that names the offending fields. */
export async function readInput<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? ''
  if (!type.includes('application/json')) throw new HttpError(415, 'unsupported_media_type', 'Send a JSON body (content-type: application/json)')
  let body: unknown
  try {
    body = await req.json()
  } catch {
    throw badRequest('The body is not valid JSON')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    throw badRequest(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues)
  }
  return parsed.data
}

/** The path segments after the function's name: `/fn/move` → ['move'] (as the runtime passes the path). */
export function routeParts(req: Request, fn: string): string[] {
  const parts = new URL(req.url).pathname.split('/').filter(Boolean)
  return parts.slice(parts.indexOf(fn) + 1)
}

type Handler = (req: Request) => Promise<Response>

/** Wraps a handler with CORS preflight, method check and the shared error shape. */
export function handle(methods: string[], handler: Handler): Handler {
  return async (req) => {
    if (req.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders })
    if (!methods.includes(req.method)) return errorResponse(new HttpError(405, 'method_not_allowed', `Use ${methods.join(' or ')}`))
    try {
      return await handler(req)
    } catch (error) {
      return errorResponse(error)
    }
  }
}
