// webhook_deliveries: each X-GitHub-Delivery stored once (unique (provider, delivery_id)); whoever inserted
// the row is the one who processes it, so a redelivery or a concurrent duplicate never runs twice.
import { one, relaxedSql } from './db.ts'

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

/**
 * Inserts the delivery; returns its row id, or `duplicate` with the existing row's id, or undefined when
 * the guard failed (the integration's secret changed or it was deactivated since it was read).
 */
export async function storeDelivery(d: NewDelivery): Promise<{ id: string; duplicate: boolean } | undefined> {
  const inserted = await one<{ id: string }>(
    `insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, payload)
     select $1, $2, $3, $4, $5, $6::jsonb
     where $7::text is null or exists (select 1 from public.github_integrations i where i.id = $5 and i.is_active and i.webhook_secret = $7)
     on conflict (provider, delivery_id) do nothing returning id`,
    [d.provider, d.deliveryId, d.event, d.projectId, d.integrationId, d.payload, d.secretGuard ?? null],
  )
  if (inserted) return { id: inserted.id, duplicate: false }
  const existing = await one<{ id: string }>(
    `select id from public.webhook_deliveries where provider = $1 and delivery_id = $2`, [d.provider, d.deliveryId])
  return existing ? { id: existing.id, duplicate: true } : undefined
}

/** received → processing, once: false when someone else already took it. */
export async function claimDelivery(id: string): Promise<boolean> {
  const row = await one(`update public.webhook_deliveries set status = 'processing', attempts = attempts + 1
    where id = $1 and status = 'received' returning id`, [id])
  return row !== undefined
}

/** The outcome, once (relaxed commit: see db.ts). */
export async function finishDelivery(id: string, status: DeliveryStatus, result: unknown, error?: string): Promise<void> {
  await relaxedSql().query(
    `update public.webhook_deliveries
     set status = $2, result = $3::jsonb, error = $4, processed_at = now(),
         attempts = case when status = 'received' then attempts + 1 else attempts end
     where id = $1 and status in ('received', 'processing')`,
    [id, status, JSON.stringify(result ?? null), error ?? null],
  )
}
