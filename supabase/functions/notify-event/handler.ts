// POST {} or {max_deliveries?: 1..500} → 200 {deliveries: [{id, channel, attempt, status, http_status, error}],
// delivered, retrying, failed}. Sends the due notification_deliveries (email, Slack, signed webhooks) and
// records each attempt's outcome, with exponential backoff. In-app notifications need no sending: the
// database writes them and Realtime carries them. Called by the stack's scheduler (and pg_cron on hosted
// Supabase) with the service role key when notification_delivery_due(); others get 401/403.
import { z } from 'zod'
import { serviceClient } from '../_shared/auth.ts'
import { handle, json, readInput } from '../_shared/http.ts'
import type { ClaimedDelivery } from '../_shared/notifications/render.ts'
import { requireServiceRole } from '../_shared/service-role.ts'
import { attempt } from './deliver.ts'
import { readSettings } from './settings.ts'

const Input = z.object({ max_deliveries: z.number().int().min(1).max(500).optional() })

const CONCURRENCY = 8

export const handler = handle(['POST'], async (req) => {
  requireServiceRole(req, 'Only the scheduler (service role) may send notifications')
  const input = await readInput(req, Input)
  const env = (name: string) => Deno.env.get(name)
  const settings = readSettings(env)
  const db = serviceClient()

  const { data, error } = await db.rpc('claim_notification_deliveries', { _limit: input.max_deliveries ?? 50, _lease_seconds: Math.ceil(settings.timeoutMs / 1000) * 2 + 10 })
  if (error) throw error
  const claimed = (data ?? []) as ClaimedDelivery[]
  const results: Array<{ id: string; channel: string; attempt: number; status: string; http_status: number | null; error: string | null }> = []

  const work = async (d: ClaimedDelivery) => {
    let outcome
    try {
      outcome = await attempt(d, settings, env)
    } catch (error) {
      outcome = { delivered: false, retryable: true, http_status: null, error: (error as Error).message }
    }
    const { data: status, error: finishError } = await db.rpc('finish_notification_delivery', {
      _id: d.id, _delivered: outcome.delivered, _retryable: outcome.retryable, _http_status: outcome.http_status,
      _error: outcome.error, _retry_base_ms: settings.retryBaseMs, _max_attempts: settings.maxAttempts,
    })
    // PT404: the delivery was cancelled meanwhile (an invitation revoked while it was being sent).
    if (finishError && finishError.code !== 'PT404') throw finishError
    results.push({ id: d.id, channel: d.channel.kind, attempt: d.attempt, status: finishError ? 'cancelled' : status as string, http_status: outcome.http_status, error: outcome.error })
  }
  for (let i = 0; i < claimed.length; i += CONCURRENCY) await Promise.all(claimed.slice(i, i + CONCURRENCY).map(work))

  const count = (status: string) => results.filter((r) => r.status === status).length
  return json({ deliveries: results, delivered: count('delivered'), retrying: count('retrying'), failed: count('failed') })
})
