// What every validator answers: {ok, status, response_time_ms, message}, plus what it learnt.

export type ConnectionStatus = 'unknown' | 'healthy' | 'degraded' | 'down'

export interface ValidationResult {
  ok: boolean
  status: ConnectionStatus
  response_time_ms: number
  message: string
  details?: Record<string, unknown>
}

/** An answer from the remote service that ends the check (bad credentials, missing resource, outage...). */
export class CheckFailed extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message)
  }
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(Deno.env.get(name))
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** Per-request timeout for remote checks (CONNECTION_TIMEOUT_MS, default 10 s). */
export const timeoutMs = () => envNumber('CONNECTION_TIMEOUT_MS', 10_000)
/** A check that succeeds slower than this reports `degraded` (CONNECTION_SLOW_MS, default 3 s). */
const slowMs = () => envNumber('CONNECTION_SLOW_MS', 3_000)

export async function request(url: string, init: RequestInit = {}, what = new URL(url).host): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs()) })
  } catch (error) {
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError') throw new CheckFailed(`${what} did not answer within ${timeoutMs()} ms`)
    throw new CheckFailed(`${what} could not be reached: ${(error as Error).message}`)
  }
}

/** Turns a non-2xx answer into the message a person needs. */
export async function failure(res: Response, what: string): Promise<CheckFailed> {
  let detail = ''
  try {
    const body = await res.json()
    detail = body?.error_description ?? body?.error?.message ?? body?.message ?? (typeof body?.error === 'string' ? body.error : '')
  } catch { /* not JSON */ }
  const reason = res.status === 401 ? 'rejected the credentials'
    : res.status === 403 ? 'refused access (missing permission)'
    : res.status === 404 ? 'has no such resource'
    : res.status >= 500 ? 'is failing'
    : 'answered an error'
  const text = `${what} ${reason} (HTTP ${res.status})${detail ? `: ${String(detail).split('\n')[0].slice(0, 200)}` : ''}`
  return new CheckFailed(text, { http_status: res.status })
}

/** Times a check and shapes its outcome; a CheckFailed is a `down` answer, anything else is a bug. */
export async function runCheck(check: () => Promise<{ message: string; details?: Record<string, unknown>; degraded?: boolean }>): Promise<ValidationResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const { message, details, degraded } = await check()
    const ms = elapsed()
    const slow = ms > slowMs()
    return {
      ok: true, status: degraded || slow ? 'degraded' : 'healthy', response_time_ms: ms,
      message: slow ? `${message} (slow: ${ms} ms)` : message, ...(details ? { details } : {}),
    }
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error
    return { ok: false, status: 'down', response_time_ms: elapsed(), message: error.message, ...(error.details ? { details: error.details } : {}) }
  }
}
