// The generic webhook's signature, for senders (notify-event) and receivers alike:
//   X-Opzenix-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `<t>.<raw body>` with the channel's secret>
// The timestamp is inside the signed text, so a receiver that refuses old timestamps (default: 5 minutes)
// refuses a replayed delivery; X-Opzenix-Delivery is the delivery id, stable across retries, for dedup.
import { constantTimeEqual, hmacSha256, toHex } from './hmac.ts'

export const SIGNATURE_HEADER = 'x-opzenix-signature'

export async function signatureHeader(secret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return `t=${timestampSeconds},v1=${toHex(await hmacSha256(secret, `${timestampSeconds}.${body}`))}`
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'too_old' }

/** What a receiver runs on the raw body and the header. */
export async function verifySignature(secret: string, body: string, header: string | null | undefined,
  { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = {}): Promise<SignatureCheck> {
  const fields = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]))
  const timestamp = Number(fields.t)
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(fields.v1 ?? '')) return { ok: false, reason: 'malformed' }
  const expected = toHex(await hmacSha256(secret, `${timestamp}.${body}`))
  if (!constantTimeEqual(expected, fields.v1)) return { ok: false, reason: 'bad_signature' }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'too_old' }
  return { ok: true, timestamp }
}
