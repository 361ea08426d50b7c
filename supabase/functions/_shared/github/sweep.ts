// Deliveries acknowledged but never processed (the worker stopped between the 202 and the work) are picked
// up by the next worker that receives a delivery: rows still 'received' a minute later are claimed and
// processed. Rows left 'processing' are not retried: their run may have started; they stay visible instead.
import { many } from './db.ts'
import { loadIntegration } from './integration-secret.ts'
import { processDelivery } from './process-delivery.ts'

const EVERY_MS = 30_000
let last = -Infinity

interface Stuck { id: string; event: string; github_integration_id: string; payload: Record<string, unknown> }

/** At most every 30 s per worker: claims up to 20 stale 'received' GitHub deliveries and processes them. */
export async function sweepStaleDeliveries(now = performance.now()): Promise<number> {
  if (now - last < EVERY_MS) return 0
  last = now
  const stuck = await many<Stuck>(
    `update public.webhook_deliveries d set status = 'processing', attempts = d.attempts + 1
     where d.id in (
       select id from public.webhook_deliveries
       where provider = 'github' and status = 'received' and received_at < now() - interval '1 minute' and github_integration_id is not null
       order by received_at limit 20 for update skip locked)
     returning d.id, d.event, d.github_integration_id, d.payload`,
  )
  for (const row of stuck) {
    const integration = await loadIntegration(row.github_integration_id, true)
    if (integration) await processDelivery(row.id, row.event, integration, row.payload, true)
  }
  return stuck.length
}
