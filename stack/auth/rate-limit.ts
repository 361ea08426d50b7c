// Sign-in and sign-up limits, as hosted Supabase Auth has (its own, set in the dashboard): per client IP,
// every sign-up and password sign-in; per account, failed password sign-ins (so a guessed password stops
// working before it is found, whatever address the guesses come from). Fixed windows, counted in memory.
import type { IncomingMessage } from 'node:http'
import { AuthError } from './errors.ts'

export interface RateLimitSettings {
  /** Sign-ups plus password sign-ins per IP per window (OPZENIX_AUTH_RATE_LIMIT_IP, default 1000; 0: off). */
  perIp: number
  /** Failed password sign-ins per account per window (OPZENIX_AUTH_RATE_LIMIT_ACCOUNT, default 10; 0: off). */
  perAccount: number
  /** Window length in seconds (OPZENIX_AUTH_RATE_LIMIT_WINDOW_S, default 300, GoTrue's 5 minutes). */
  windowS: number
}

const count = (raw: string | undefined, fallback: number) => {
  const n = Number(raw)
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback
}

export function rateLimitSettings(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return {
    perIp: count(env.OPZENIX_AUTH_RATE_LIMIT_IP, 1000),
    perAccount: count(env.OPZENIX_AUTH_RATE_LIMIT_ACCOUNT, 10),
    windowS: Math.max(1, count(env.OPZENIX_AUTH_RATE_LIMIT_WINDOW_S, 300)),
  }
}

interface Window { startedAt: number; hits: number }

/** Fixed-window counters by key; windows that ended are dropped as new ones open, so memory stays bounded. */
export class Counter {
  private windows = new Map<string, Window>()
  constructor(private limit: number, private windowMs: number, private now: () => number = Date.now) {}

  /** Seconds until `key` may try again, or 0 when it is under its limit. */
  blockedFor(key: string): number {
    if (this.limit === 0) return 0
    const w = this.current(key)
    return w && w.hits >= this.limit ? Math.max(1, Math.ceil((w.startedAt + this.windowMs - this.now()) / 1000)) : 0
  }

  hit(key: string): void {
    if (this.limit === 0) return
    const w = this.current(key) ?? this.open(key)
    w.hits++
  }

  private current(key: string): Window | undefined {
    const w = this.windows.get(key)
    if (w && this.now() - w.startedAt >= this.windowMs) {
      this.windows.delete(key)
      return undefined
    }
    return w
  }

  private open(key: string): Window {
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (this.now() - w.startedAt >= this.windowMs) this.windows.delete(k)
    }
    const w = { startedAt: this.now(), hits: 0 }
    this.windows.set(key, w)
    return w
  }
}

/** 429 in GoTrue's shape (`over_request_rate_limit`) with Retry-After. */
function tooManyRequests(message: string, retryAfterS: number): AuthError {
  return new AuthError(429, 'over_request_rate_limit', message, {}, { 'retry-after': String(retryAfterS) })
}

/** The limits of one Auth service. */
export class AuthLimits {
  private ip: Counter
  private account: Counter
  constructor(readonly settings: RateLimitSettings = rateLimitSettings(), now: () => number = Date.now) {
    this.ip = new Counter(settings.perIp, settings.windowS * 1000, now)
    this.account = new Counter(settings.perAccount, settings.windowS * 1000, now)
  }

  /** Counts a sign-up or sign-in from this request's address; throws 429 once the address is over its limit. */
  checkIp(req: IncomingMessage): void {
    // The socket's address, not X-Forwarded-For: a client could write any address there.
    const key = req.socket.remoteAddress ?? 'unknown'
    const wait = this.ip.blockedFor(key)
    if (wait) throw tooManyRequests(`Request rate limit reached: too many sign-ins and sign-ups from this address; try again in ${wait} s`, wait)
    this.ip.hit(key)
  }

  /** Throws 429 while the account has had too many failed sign-ins. */
  checkAccount(email: string): void {
    const wait = this.account.blockedFor(email.toLowerCase())
    if (wait) throw tooManyRequests(`Too many failed sign-ins for this account; try again in ${wait} s`, wait)
  }

  failedSignIn(email: string): void {
    this.account.hit(email.toLowerCase())
  }
}
