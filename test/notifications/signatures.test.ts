// The pure halves of the signed links and webhook signatures: what verifies, and every way it must not.
import { describe, expect, it } from 'vitest'
import { newNonce, signLink, verifyLink, type LinkClaims } from '../../supabase/functions/_shared/notifications/approval-link-token.ts'
import { fromBase64Url, toBase64Url } from '../../supabase/functions/_shared/notifications/hmac.ts'
import { signatureHeader, verifySignature } from '../../supabase/functions/_shared/notifications/webhook-signature.ts'

const claims: LinkClaims = {
  requestId: '11111111-1111-4111-a111-111111111111', userId: '00000000-0000-4000-a000-000000000001',
  decision: 'approve', expiresAt: 2_000_000_000, nonce: newNonce(),
}

describe('signed approval links', () => {
  it('verify with the secret they were signed with, until they expire', async () => {
    const token = await signLink('s3cret', claims)
    expect(await verifyLink('s3cret', token, 1_900_000_000)).toEqual({ ok: true, claims })
    expect(await verifyLink('s3cret', token, 2_000_000_000)).toEqual({ ok: false, reason: 'expired', claims })
  })

  it('refuse another secret, changed claims, a changed signature and garbage', async () => {
    const token = await signLink('s3cret', claims)
    expect(await verifyLink('other', token, 0)).toEqual({ ok: false, reason: 'bad_signature' })
    const [v, body, sig] = token.split('.')
    const forged = JSON.parse(new TextDecoder().decode(fromBase64Url(body)))
    forged.u = '00000000-0000-4000-a000-000000000003'
    const forgedBody = toBase64Url(new TextEncoder().encode(JSON.stringify(forged)))
    expect(await verifyLink('s3cret', `${v}.${forgedBody}.${sig}`, 0)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(await verifyLink('s3cret', `${v}.${body}.${sig.slice(0, -2)}AA`, 0)).toEqual({ ok: false, reason: 'bad_signature' })
    for (const bad of ['', 'v1', 'v1..', 'v2.a.b', 'not a token']) {
      expect((await verifyLink('s3cret', bad, 0)).ok, bad).toBe(false)
    }
  })

  it('refuse a well-signed token whose claims are not a link', async () => {
    const { hmacSha256 } = await import('../../supabase/functions/_shared/notifications/hmac.ts')
    const body = toBase64Url(new TextEncoder().encode(JSON.stringify({ r: 'x', u: claims.userId, d: 'maybe', e: 1, n: 'short' })))
    const token = `v1.${body}.${toBase64Url(await hmacSha256('s3cret', `v1.${body}`))}`
    expect(await verifyLink('s3cret', token, 0)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('carry a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce))
    expect(nonces.size).toBe(100)
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/)
  })
})

describe('generic webhook signatures', () => {
  const body = JSON.stringify({ type: 'approval_requested', id: 'd1' })

  it('verify on the raw body within the tolerance', async () => {
    const header = await signatureHeader('whsec', body, 1_000)
    expect(header).toMatch(/^t=1000,v1=[0-9a-f]{64}$/)
    expect(await verifySignature('whsec', body, header, { nowSeconds: 1_100 })).toEqual({ ok: true, timestamp: 1000 })
  })

  it('refuse a replay outside the tolerance, another body or secret, a moved timestamp and no header', async () => {
    const header = await signatureHeader('whsec', body, 1_000)
    expect(await verifySignature('whsec', body, header, { nowSeconds: 1_000 + 301 })).toEqual({ ok: false, reason: 'too_old' })
    expect(await verifySignature('whsec', `${body} `, header, { nowSeconds: 1_000 })).toEqual({ ok: false, reason: 'bad_signature' })
    expect(await verifySignature('other', body, header, { nowSeconds: 1_000 })).toEqual({ ok: false, reason: 'bad_signature' })
    expect(await verifySignature('whsec', body, header.replace('t=1000', 't=1200'), { nowSeconds: 1_200 })).toEqual({ ok: false, reason: 'bad_signature' })
    expect(await verifySignature('whsec', body, null)).toEqual({ ok: false, reason: 'malformed' })
  })
})
