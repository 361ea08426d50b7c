// The webhooks' rate limits: deliveries per integration, and requests per sending address (GitHub sends every
// customer's webhooks from a few shared addresses, so that one is loose). Function secrets, per window of
// RATE_LIMIT_WINDOW_SECONDS: WEBHOOK_RATE_LIMIT_INTEGRATION (20,000), WEBHOOK_RATE_LIMIT_ADDRESS (60,000).
import { clientAddress, hitRateLimits, limitFromEnv } from '../rate-limit.ts'

export function webhookRateLimits(fn: 'github-webhook' | 'artifact-webhook', req: Request, integrationId: string): Promise<void> {
  return hitRateLimits(fn, [
    { scope: 'address', value: clientAddress(req), limit: limitFromEnv('WEBHOOK_RATE_LIMIT_ADDRESS', 60_000) },
    { scope: 'integration', value: integrationId, limit: limitFromEnv('WEBHOOK_RATE_LIMIT_INTEGRATION', 20_000) },
  ])
}
