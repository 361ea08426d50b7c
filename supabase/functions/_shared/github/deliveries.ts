// webhook_deliveries: each X-GitHub-Delivery stored once (unique (provider, delivery_id)); whoever inserted
// the row is the one who processes it, so a redelivery or a concurrent duplicate never runs twice.
import { badRequest } from '../http.ts'
import { ackSql, one, prepared, relaxedSql } from './db.ts'

export type DeliveryStatus = 'received' | 'processing' | 'processed' | 'ignored' | 'failed'

export interface NewDelivery {
  provider: string
  deliveryId: string
  event: string
  projectId: string | null
  integrationId: string | null
  payload: string
  /** Insert only while the integration is active with this stored secret (the one the signature was checked against). */
  secretGuard?: string
}

export interface Stored {
  id: string
  duplicate: boolean
  /** Where the acknowledgement's time went: waiting for a batch, the batch's insert, how many shared it. */
  timing: { queued_ms: number; insert_ms: number; batch: number }
}

/**
 * Inserts the delivery; returns its row id, or `duplicate` with the existing row's id, or undefined when
 * the guard failed (the integration's secret changed or it was deactivated since it was read).
 * Deliveries arriving while inserts are in flight are written together by the next one (one statement,
 * one commit), so concurrent deliveries share a WAL flush; each is answered only once its row is durable.
 * Two batches may be in flight at once, so a batch is being written while the previous one waits for its flush.
 */
export function storeDelivery(d: NewDelivery): Promise<Stored | undefined> {
  return new Promise((resolve, reject) => {
    queue.push({ d, at: performance.now(), resolve, reject })
    if (flushers < FLUSHERS) void flush()
  })
}

interface Pending {
  d: NewDelivery
  at: number
  resolve: (stored: Stored | undefined) => void
  reject: (error: unknown) => void
}

const MAX_BATCH = 200
const FLUSHERS = 2
let queue: Pending[] = []
let flushers = 0

async function flush(): Promise<void> {
  flushers++
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_BATCH)
    queue = queue.slice(MAX_BATCH)
    try {
      await insertBatch(batch)
    } catch (error) {
      // One bad payload (say, a \u0000 jsonb refuses) must not fail the others: retry them one by one.
      if (batch.length === 1) batch[0].reject(asInputError(error))
      else for (const p of batch) await insertBatch([p]).catch((e) => p.reject(asInputError(e)))
    }
  }
  flushers--
}

// 22P05: jsonb cannot hold \u0000. That is the sender's payload, not our failure.
const asInputError = (error: unknown) =>
  (error as { code?: string })?.code === '22P05' ? badRequest('The payload contains \\u0000, which cannot be stored') : error

async function insertBatch(batch: Pending[]): Promise<void> {
  const started = performance.now()
  const column = <T>(pick: (d: NewDelivery) => T) => batch.map((p) => pick(p.d))
  const { rows: inserted } = await ackSql().query<{ id: string; provider: string; delivery_id: string }>(prepared(
    `insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, payload)
     select v.provider, v.delivery_id, v.event, v.project_id, v.integration_id, v.payload::jsonb
     from unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[])
       as v (provider, delivery_id, event, project_id, integration_id, payload, guard)
     where v.guard is null or exists (
       select 1 from public.github_integrations i where i.id = v.integration_id and i.is_active and i.webhook_secret = v.guard)
     on conflict (provider, delivery_id) do nothing
     returning id, provider, delivery_id`,
    [column((d) => d.provider), column((d) => d.deliveryId), column((d) => d.event), column((d) => d.projectId),
      column((d) => d.integrationId), column((d) => d.payload), column((d) => d.secretGuard ?? null)],
  ))
  const key = (provider: string, deliveryId: string) => `${provider}\u0000${deliveryId}`
  const fresh = new Map(inserted.map((r) => [key(r.provider, r.delivery_id), r.id]))
  const rest = batch.filter((p) => !fresh.has(key(p.d.provider, p.d.deliveryId)))
  const existing = rest.length === 0 ? [] : (await ackSql().query<{ id: string; provider: string; delivery_id: string }>(prepared(
    `select id, provider, delivery_id from public.webhook_deliveries
     where (provider, delivery_id) in (select * from unnest($1::text[], $2::text[]))`,
    [rest.map((p) => p.d.provider), rest.map((p) => p.d.deliveryId)],
  ))).rows
  const insertMs = performance.now() - started
  const timing = (p: Pending) => ({ queued_ms: started - p.at, insert_ms: insertMs, batch: batch.length })
  const stored = new Map(existing.map((r) => [key(r.provider, r.delivery_id), r.id]))
  for (const p of batch) {
    const k = key(p.d.provider, p.d.deliveryId)
    const id = fresh.get(k)
    if (id !== undefined) {
      fresh.delete(k) // a second copy in the same batch is a duplicate of the first
      stored.set(k, id)
      p.resolve({ id, duplicate: false, timing: timing(p) })
    } else {
      const existingId = stored.get(k)
      p.resolve(existingId === undefined ? undefined : { id: existingId, duplicate: true, timing: timing(p) })
    }
  }
}

/** received → processing, once: false when someone else already took it. */
export async function claimDelivery(id: string): Promise<boolean> {
  const row = await one(`update public.webhook_deliveries set status = 'processing', attempts = attempts + 1
    where id = $1 and status = 'received' returning id`, [id])
  return row !== undefined
}

/**
 * The outcome, once (relaxed commit: see db.ts). Outcomes arriving together are written by one update,
 * so recording them costs a round trip per batch rather than per delivery.
 */
export function finishDelivery(id: string, status: DeliveryStatus, result: unknown, error?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    outcomes.push({ id, status, result: JSON.stringify(result ?? null), error: error ?? null, resolve, reject })
    if (!finishing) void writeOutcomes()
  })
}

interface Outcome { id: string; status: DeliveryStatus; result: string; error: string | null; resolve: () => void; reject: (e: unknown) => void }
let outcomes: Outcome[] = []
let finishing = false

async function writeOutcomes(): Promise<void> {
  finishing = true
  while (outcomes.length > 0) {
    const batch = outcomes.slice(0, MAX_BATCH)
    outcomes = outcomes.slice(MAX_BATCH)
    const pick = <T>(f: (o: Outcome) => T) => batch.map(f)
    try {
      await relaxedSql().query(prepared(
        `update public.webhook_deliveries d
         set status = o.status, result = o.result::jsonb, error = o.error, processed_at = now(),
             attempts = case when d.status = 'received' then d.attempts + 1 else d.attempts end
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as o (id, status, result, error)
         where d.id = o.id and d.status in ('received', 'processing')`,
        [pick((o) => o.id), pick((o) => o.status), pick((o) => o.result), pick((o) => o.error)],
      ))
      for (const o of batch) o.resolve()
    } catch (error) {
      for (const o of batch) o.reject(error)
    }
  }
  finishing = false
}
