// Request size limits the gateway enforces before a body reaches a service (storage applies its own
// file size limits from config.toml). Each refusal is a 413 in the shape of the API it was meant for.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from './http.ts'

const MiB = 1024 * 1024

/** Reads a positive byte count from the environment, else the default. */
function bytesFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[name])
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback
}

export type LimitedPrefix = 'rest' | 'auth' | 'functions' | 'realtime'

/** The largest body each API accepts: OPZENIX_MAX_BODY_BYTES (default 50 MiB), OPZENIX_AUTH_MAX_BODY_BYTES (1 MiB). */
export function bodyLimits(env: NodeJS.ProcessEnv = process.env): Record<LimitedPrefix, number> {
  const general = bytesFromEnv('OPZENIX_MAX_BODY_BYTES', 50 * MiB, env)
  return { rest: general, functions: general, realtime: general, auth: bytesFromEnv('OPZENIX_AUTH_MAX_BODY_BYTES', MiB, env) }
}

/** The declared body length, or undefined when the client streams it (chunked). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length']
  const length = raw === undefined ? NaN : Number(raw)
  return Number.isFinite(length) ? length : undefined
}

/** Answers 413 as the API under `prefix` words its errors, and stops reading the body. */
export function sendTooLarge(res: ServerResponse, prefix: LimitedPrefix, limit: number): void {
  const message = `The request body is larger than this API accepts (${limit} bytes)`
  const body = prefix === 'functions' ? { error: { code: 'payload_too_large', message } }
    : prefix === 'auth' ? { code: 413, error_code: 'request_too_large', msg: message }
    : prefix === 'rest' ? { code: 'payload_too_large', details: null, hint: null, message }
    : { message }
  sendJson(res, 413, body)
}
