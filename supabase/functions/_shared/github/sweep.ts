// Deliveries acknowledged but never finished are picked up by the next worker that receives a delivery:
// - 'received' a minute later: the worker stopped between the 202 and the work. Claimed and processed.
// - 'processing' ten minutes later: the worker died mid-way (processing takes well under a second). A push may
//   already have started its run before the worker died, so the run is looked for first (same project,
//   webhook trigger, branch and commit, started after the delivery arrived): found, the delivery is finished
//   with it; not found, it is processed again. At most 3 attempts; then it is marked failed, never retried.
import { branchOf } from './branch-mapping.ts'
import { many, one } from './db.ts'
import { finishDelivery } from './deliveries.ts'
import { loadIntegration, type IntegrationRow } from './integration-secret.ts'
import { processDelivery } from './process-delivery.ts'
import { realSha } from './start-run.ts'

const EVERY_MS = 30_000
const MAX_ATTEMPTS = 3
let last = -Infinity

interface Stuck { id: string; event: string; github_integration_id: string; payload: Record<string, unknown>; received_at: string; was: 'received' | 'processing' }

/** At most every 30 s per worker: claims up to 20 stale deliveries and finishes each once. */
export async function sweepStaleDeliveries(now = performance.now()): Promise<number> {
  if (now - last < EVERY_MS) return 0
  last = now
  await many(
    `update public.webhook_deliveries set status = 'failed', processed_at = now(),
       error = 'processing stopped ' || attempts || ' times before it finished; not retried again'
     where provider = 'github' and status = 'processing' and attempts >= $1 and received_at < now() - interval '10 minutes'
     returning id`,
    [MAX_ATTEMPTS],
  )
  const stuck = await many<Stuck>(
    `with stale as (
       select id, status from public.webhook_deliveries
       where provider = 'github' and github_integration_id is not null and (
         (status = 'received' and received_at < now() - interval '1 minute')
         or (status = 'processing' and attempts < $1 and received_at < now() - interval '10 minutes'))
       order by received_at limit 20 for update skip locked)
     update public.webhook_deliveries d set status = 'processing', attempts = d.attempts + 1
     from stale where d.id = stale.id
     returning d.id, d.event, d.github_integration_id, d.payload, d.received_at::text as received_at, stale.status as was`,
    [MAX_ATTEMPTS],
  )
  for (const row of stuck) {
    const integration = await loadIntegration(row.github_integration_id, true)
    if (!integration) continue
    const started = row.was === 'processing' && row.event === 'push' ? await runAlreadyStarted(integration, row) : undefined
    if (started) await finishDelivery(row.id, 'processed', { started: true, execution_id: started, recovered: true })
    else await processDelivery(row.id, row.event, integration, row.payload, true)
  }
  return stuck.length
}

/** The run a push delivery started before its worker died, if it got that far. */
async function runAlreadyStarted(integration: IntegrationRow, row: Stuck): Promise<string | undefined> {
  const branch = branchOf(String(row.payload.ref ?? ''))
  if (!branch) return undefined
  const found = await one<{ id: string }>(
    `select id from public.executions
     where project_id = $1 and trigger_source = 'webhook' and branch = $2 and commit_sha is not distinct from $3 and created_at >= $4::timestamptz
     order by created_at limit 1`,
    [integration.project_id, branch, realSha(row.payload.after), row.received_at],
  )
  return found?.id
}
