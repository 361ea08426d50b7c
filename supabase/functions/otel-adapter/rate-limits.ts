// OTLP ingest's rate limits: requests per ingest token (by its hash: the token itself is never stored) and per
// sending address. Function secrets, per window of RATE_LIMIT_WINDOW_SECONDS: OTLP_RATE_LIMIT_TOKEN (6,000: a
// batch every 10 ms), OTLP_RATE_LIMIT_ADDRESS (12,000). A request with no token counts against its address only.
import { clientAddress, hitRateLimits, limitFromEnv, type Limit } from '../_shared/rate-limit.ts'
import { sha256Hex, tokenOf } from './token.ts'

export async function ingestRateLimits(req: Request): Promise<void> {
  const limits: Limit[] = [{ scope: 'address', value: clientAddress(req), limit: limitFromEnv('OTLP_RATE_LIMIT_ADDRESS', 12_000) }]
  const token = tokenOf(req)
  if (token) limits.push({ scope: 'token', value: (await sha256Hex(token)).slice(0, 32), limit: limitFromEnv('OTLP_RATE_LIMIT_TOKEN', 6_000) })
  await hitRateLimits('otel-adapter', limits)
}
