import { describe, expect, it } from 'vitest'
import { decrypt, encrypt, importKey, isCiphertext, keyMaterial } from './secret-box.ts'

describe('secret box', () => {
  it('round-trips, with a fresh IV each time', async () => {
    const key = await importKey('a passphrase')
    const a = await encrypt(key, 'ghp_secret')
    const b = await encrypt(key, 'ghp_secret')
    expect(a).not.toBe(b)
    expect(isCiphertext(a)).toBe(true)
    expect(a).not.toContain('ghp_secret')
    expect(await decrypt(key, a)).toBe('ghp_secret')
  })

  it('refuses another key and altered ciphertext', async () => {
    const sealed = await encrypt(await importKey('one'), 'value')
    await expect(decrypt(await importKey('two'), sealed)).rejects.toThrow()
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    await expect(decrypt(await importKey('one'), flipped)).rejects.toThrow()
    await expect(decrypt(await importKey('one'), 'plaintext')).rejects.toThrow(/not an Opzenix ciphertext/)
  })

  it('uses a 32-byte base64 key as is', async () => {
    const raw = Buffer.alloc(32, 7).toString('base64')
    const sealed = await encrypt(await importKey(raw), 'x')
    expect(await decrypt(await importKey(raw), sealed)).toBe('x')
  })

  it('has a development key only for a local stack', () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name]
    expect(keyMaterial(env({ OPZENIX_ENCRYPTION_KEY: 'k', SUPABASE_URL: 'https://x.supabase.co' }))).toBe('k')
    expect(keyMaterial(env({ SUPABASE_URL: 'http://127.0.0.1:54321' }))).toMatch(/local-development/)
    expect(() => keyMaterial(env({ SUPABASE_URL: 'https://abc.supabase.co' }))).toThrow(/OPZENIX_ENCRYPTION_KEY/)
  })
})
