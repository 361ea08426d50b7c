import type { ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'

/** Failures the edge runtime reports itself, with hosted Supabase's codes, statuses and messages. */
export const RUNTIME_ERRORS = {
  NOT_FOUND: { status: 404, message: 'Requested function was not found' },
  BOOT_ERROR: { status: 503, message: 'Function failed to start (please check logs)' },
  WORKER_ERROR: { status: 500, message: 'Function exited due to an error (please check logs)' },
} as const

export type RuntimeErrorCode = keyof typeof RUNTIME_ERRORS

/** `{ code, message }` plus the `sb-error-code` header, as the platform answers. */
export function sendRuntimeError(res: ServerResponse, code: RuntimeErrorCode): void {
  const { status, message } = RUNTIME_ERRORS[code]
  sendJson(res, status, { code, message }, { 'sb-error-code': code })
}

/** A JWT refusal in the shape `supabase start` gives it: 401 `{ msg }`. */
export function sendUnauthorized(res: ServerResponse, msg: string): void {
  sendJson(res, 401, { msg })
}
