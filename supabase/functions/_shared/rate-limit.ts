// Rate limits of the public endpoints (webhooks, approval links, OTLP ingest), counted in the database
// (private.hit_rate_limits, fixed windows) because on hosted Supabase each request may meet a fresh instance.
// The hits of requests arriving while a count is in flight are sent together by the next one, so under load a
// request costs a fraction of a round trip, and never more than one. Commits do not wait for the WAL flush: a
// database crash may forget a few counts, which only ever lets a request through.
import pg from 'pg'
import { HttpError } from './http.ts'

export interface Limit {
  /** What is counted: 'integration', 'token', 'link', 'address'. Named in the 429's details. */
  scope: string
  value: string
  /** Requests per window; 0 turns it off. */
  limit: number
}

/** A limit from a function secret (a whole number ≥ 0; 0 turns it off), else the default. */
export function limitFromEnv(name: string, fallback: number): number {
  const raw = Deno.env.get(name)
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw)
  return Number.isInteger(value) && value >= 0 ? value : fallback
}

/** RATE_LIMIT_WINDOW_SECONDS: the length of every fixed window (default 60). */
export const windowSeconds = (): number => limitFromEnv('RATE_LIMIT_WINDOW_SECONDS', 60) || 60

/**
 * The caller's address: the first of X-Forwarded-For, which the platform's gateway sets (the local stack's
 * gateway sets it to the socket's address, replacing whatever the client sent), else 'unknown'.
 */
export function clientAddress(req: Request): string {
  const first = (req.headers.get('x-forwarded-for') ?? '').split(',')[0].trim()
  return first ? first.slice(0, 64) : 'unknown'
}

const SCOPE_WORDS: Record<string, string> = {
  integration: 'this integration',
  token: 'this ingest token',
  link: 'this link',
  address: 'your address',
}

/** 429 in the one error shape with Retry-After, details {scope, limit, window_seconds, retry_after_seconds}. */
export function rateLimited(scope: string, limit: number, window: number, retryAfter: number): HttpError {
  return new HttpError(429, 'rate_limited',
    `Too many requests from ${SCOPE_WORDS[scope] ?? scope}: ${limit} per ${window} s is the most; try again in ${retryAfter} s`,
    { scope, limit, window_seconds: window, retry_after_seconds: retryAfter },
    { 'retry-after': String(retryAfter) })
}

/**
 * Counts this request once against each limit of `fn` (keys `<fn>:<scope>:<value>`) and rejects with 429 when
 * any is exceeded. A refused request is counted too. When the database cannot be reached the request is let
 * through (and the error logged): whatever it writes next fails on its own.
 */
export async function hitRateLimits(fn: string, limits: Limit[]): Promise<void> {
  const active = limits.filter((l) => l.limit > 0)
  if (active.length === 0) return
  const window = windowSeconds()
  let verdicts: Verdict[]
  try {
    verdicts = await enqueue(window, active.map((l) => ({ key: `${fn}:${l.scope}:${l.value}`, limit: l.limit })))
  } catch (error) {
    console.error('rate limits not counted:', (error as Error).message)
    return
  }
  const refused = verdicts.findIndex((v) => !v.allowed)
  if (refused >= 0) throw rateLimited(active[refused].scope, active[refused].limit, window, verdicts[refused].retryAfter)
}

interface Hit { key: string; limit: number }
interface Verdict { allowed: boolean; retryAfter: number }
interface Pending { hits: Hit[]; resolve: (v: Verdict[]) => void; reject: (e: unknown) => void }

const MAX_BATCH = 500
const queues = new Map<number, Pending[]>() // per window length (one per worker in practice)
let flushing = false

function enqueue(window: number, hits: Hit[]): Promise<Verdict[]> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(window) ?? []
    queue.push({ hits, resolve, reject })
    queues.set(window, queue)
    if (!flushing) void flush()
  })
}

async function flush(): Promise<void> {
  flushing = true
  try {
    for (let next = queues.entries().next(); !next.done; next = queues.entries().next()) {
      const [window, queue] = next.value
      const batch: Pending[] = []
      let size = 0
      while (queue.length > 0 && (batch.length === 0 || size + queue[0].hits.length <= MAX_BATCH)) {
        size += queue[0].hits.length
        batch.push(queue.shift()!)
      }
      if (queue.length === 0) queues.delete(window)
      await count(window, batch)
    }
  } finally {
    flushing = false
  }
}

async function count(window: number, batch: Pending[]): Promise<void> {
  const hits = batch.flatMap((p) => p.hits)
  try {
    const { rows } = await db().query<{ slot: number; allowed: boolean; retry_after_seconds: number }>({
      name: 'hit_rate_limits',
      text: 'select slot, allowed, retry_after_seconds from private.hit_rate_limits($1::text[], $2::int[], $3::int)',
      values: [hits.map((h) => h.key), hits.map((h) => h.limit), window],
    })
    let at = 0
    for (const p of batch) {
      p.resolve(p.hits.map((_, i) => ({ allowed: rows[at + i].allowed, retryAfter: rows[at + i].retry_after_seconds })))
      at += p.hits.length
    }
  } catch (error) {
    for (const p of batch) p.reject(error)
  }
}

let pool: pg.Pool | undefined

function db(): pg.Pool {
  if (!pool) {
    const url = Deno.env.get('SUPABASE_DB_URL')
    if (!url) throw new Error('SUPABASE_DB_URL is not set')
    pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000, options: '-c synchronous_commit=off' })
    pool.on('error', (error) => console.error('rate-limit pool:', error.message))
  }
  return pool
}
