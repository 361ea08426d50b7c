// POST {} or { max_spans?, max_batches? } → 200 { batches: [...], delivered, retrying, dropped }.
// Sends queued CI/CD spans (otel_export_queue) to each exporting otel connection's OTLP endpoint, one
// claimed batch at a time, and records each batch's outcome. Called by the local stack's scheduler and, on
// hosted Supabase, by pg_cron + pg_net (docs/telemetry.md), with the service role key; others get 401/403.
import { z } from 'zod'
import { serviceClient } from '../_shared/auth.ts'
import { handle, json, readInput } from '../_shared/http.ts'
import type { StoredSpan } from '../_shared/otlp/export.ts'
import { ConfigError, exportHeaders, parseConfig, tracesUrl } from './config.ts'
import { deliver, type Delivery } from './deliver.ts'
import { requireServiceRole } from '../_shared/service-role.ts'

const Input = z.object({
  max_spans: z.number().int().min(1).max(4096).optional(),
  max_batches: z.number().int().min(1).max(200).optional(),
})

interface Claim {
  batch_id: string
  attempt: number
  spans: StoredSpan[]
  connection: { id: string; organization_id: string; name: string; config: unknown; secret_ref: string | null }
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(Deno.env.get(name))
  return Number.isFinite(value) && value > 0 ? value : fallback
}

export const handler = handle(['POST'], async (req) => {
  requireServiceRole(req, 'Only the scheduler (service role) may export telemetry')
  const input = await readInput(req, Input)
  const db = serviceClient()
  const maxSpans = input.max_spans ?? 512
  const maxBatches = input.max_batches ?? 20
  const retryBaseMs = envNumber('OTEL_EXPORT_RETRY_BASE_MS', 2000)
  const maxAttempts = envNumber('OTEL_EXPORT_MAX_ATTEMPTS', 8)
  const batches: Array<{ batch_id: string; connection_id: string; spans: number; attempt: number; outcome: string; http_status: number | null; message: string | null; ms: Record<string, number> }> = []

  for (let i = 0; i < maxBatches; i++) {
    const t0 = performance.now()
    const { data, error } = await db.rpc('claim_otel_export_batch', { _max_spans: maxSpans, _lease_seconds: 60 })
    if (error) throw error
    const claim = data as Claim | null
    if (!claim) break
    const t1 = performance.now()
    let delivery: Delivery & { protocol?: string }
    try {
      const config = parseConfig(claim.connection.config)
      const headers = exportHeaders(config, claim.connection.secret_ref, (name) => Deno.env.get(name))
      delivery = { ...(await deliver(tracesUrl(config.endpoint), claim.spans, config, headers)), protocol: config.protocol }
    } catch (error) {
      // A broken config may be fixed before the spans run out of attempts: retry, with the reason recorded.
      if (!(error instanceof ConfigError)) throw error
      delivery = { outcome: 'retry', http_status: null, message: error.message, rejected_spans: null, bytes: 0 }
    }
    const t2 = performance.now()
    const { data: outcome, error: finishError } = await db.rpc('finish_otel_export_batch', {
      _batch_id: claim.batch_id, _outcome: delivery.outcome, _http_status: delivery.http_status, _message: delivery.message,
      _rejected_spans: delivery.rejected_spans, _protocol: delivery.protocol ?? null, _bytes: delivery.bytes,
      _retry_base_ms: retryBaseMs, _max_attempts: maxAttempts,
    })
    if (finishError) throw finishError
    batches.push({ batch_id: claim.batch_id, connection_id: claim.connection.id, spans: claim.spans.length, attempt: claim.attempt,
      outcome: outcome as string, http_status: delivery.http_status, message: delivery.message,
      ms: { claim: Math.round(t1 - t0), send: Math.round(t2 - t1), finish: Math.round(performance.now() - t2) } })
  }
  if (batches.length > 0) {
    const { error } = await db.rpc('prune_otel_export', {})
    if (error) console.error('prune_otel_export', error.message)
  }
  const count = (...outcomes: string[]) => batches.filter((b) => outcomes.includes(b.outcome)).reduce((n, b) => n + b.spans, 0)
  return json({ batches, delivered: count('delivered', 'partial'), retrying: count('retry'), dropped: count('rejected', 'dropped') })
})
