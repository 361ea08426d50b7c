// POST {} or { execution_id, follow_up_ms? } → 200 { executions, transitions, log_lines, conflicts, follow_ups, errors, ms }.
// Advances every active run by one tick. Called by the local stack's scheduler and, on hosted Supabase, by
// pg_cron + pg_net (docs/engine.md), both with the service role key; any other caller gets 403.
import { z } from 'zod'
import { serviceClient } from '../_shared/auth.ts'
import { handle, json, readInput } from '../_shared/http.ts'
import { tickAll } from '../_shared/engine/tick-all.ts'
import { sweepStaleDeliveries } from '../_shared/github/sweep.ts'
import { sendCommitStatuses } from '../_shared/github/commit-statuses.ts'
import { afterResponse } from '../_shared/github/webhook-request.ts'
import { requireServiceRole } from '../_shared/service-role.ts'

const input = z.object({
  execution_id: z.uuid().optional(),
  max_executions: z.number().int().min(1).max(10_000).optional(),
  follow_up_ms: z.number().int().min(0).max(10_000).optional(),
})

// A scheduler tick ({} from the stack's scheduler or pg_cron) keeps advancing runs whose short steps end within
// this window, so a chain of 10 ms steps does not wait a scheduler interval per step. A call for one execution
// (tests, start) does one pass unless it asks for more.
const SCHEDULER_FOLLOW_UP_MS = 1000

export const handler = handle(['POST'], async (req) => {
  requireServiceRole(req, 'Only the scheduler (service role) may advance the engine')
  const body = await readInput(req, input)
  const followUpMs = body.follow_up_ms ?? (body.execution_id ? 0 : SCHEDULER_FOLLOW_UP_MS)
  const report = await tickAll(serviceClient(), { executionId: body.execution_id, maxExecutions: body.max_executions, followUpMs })
  if (report.errors.length > 0) console.error('engine-tick errors', JSON.stringify(report.errors.slice(0, 5)))
  // The scheduler's tick also finishes webhook deliveries a dead worker left behind (at most every 30 s per
  // worker), so they do not wait for the next delivery to arrive; on hosted Supabase pg_cron calls this too.
  if (!body.execution_id) await sweepStaleDeliveries().catch((error) => console.error('webhook sweep failed:', error))
  // Commit statuses the runs' changes queued go to GitHub after the answer, so GitHub's latency never slows the
  // tick (docs/github.md#commit-statuses).
  if (!body.execution_id) afterResponse(sendCommitStatuses(serviceClient()).catch((error) => console.error('commit statuses not sent:', error)))
  return json(report)
})
