// The webhook secret of an integration, opened from its ciphertext. Rows written before secrets were
// encrypted (the seed's demo rows) hold plaintext: they are sealed on first use.
import { isCiphertext, openSecret, sealSecret } from '../crypto/secret-box.ts'
import { one, sql } from './db.ts'

export interface IntegrationRow {
  id: string
  project_id: string
  repository_owner: string
  repository_name: string
  workflow_file: string
  is_active: boolean
  webhook_secret: string | null
}

const opened = new Map<string, Promise<string>>() // ciphertext → plaintext, so each delivery skips AES

// Integration rows are kept a few seconds so that acknowledging a delivery is one round trip: the insert
// is guarded by the secret the signature was checked against (storeDelivery's `secretGuard`), and anything
// that does not match (rotated secret, deactivated integration) is checked again against a fresh row.
const CACHE_MS = 5_000
const rows = new Map<string, { at: number; row: Promise<IntegrationRow | undefined> }>()

export function loadIntegration(id: string, fresh = false): Promise<IntegrationRow | undefined> {
  const cached = rows.get(id)
  if (!fresh && cached && performance.now() - cached.at < CACHE_MS) return cached.row
  if (rows.size > 1000) rows.clear()
  const row = one<IntegrationRow>(
    `select id, project_id, repository_owner, repository_name, workflow_file, is_active, webhook_secret
     from public.github_integrations where id = $1`,
    [id],
  )
  rows.set(id, { at: performance.now(), row })
  row.catch(() => rows.delete(id))
  return row
}

export async function webhookSecret(row: IntegrationRow): Promise<string | undefined> {
  const stored = row.webhook_secret
  if (!stored) return undefined
  if (!isCiphertext(stored)) {
    const sealed = await sealSecret(stored)
    await sql().query(`update public.github_integrations set webhook_secret = $2 where id = $1 and webhook_secret = $3`, [row.id, sealed, stored])
    return stored
  }
  let secret = opened.get(stored)
  if (!secret) {
    if (opened.size > 1000) opened.clear()
    secret = openSecret(stored)
    secret.catch(() => opened.delete(stored))
    opened.set(stored, secret)
  }
  return await secret
}
