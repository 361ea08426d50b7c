// Secrets at rest (GitHub tokens, webhook secrets): AES-256-GCM via Web Crypto, stored as
// `v1:gcm:<iv base64>:<ciphertext+tag base64>`. The key is the function secret OPZENIX_ENCRYPTION_KEY.

const PREFIX = 'v1:gcm:'
// Only for the local stack (SUPABASE_URL on this machine): a deployed project must set its own key.
const LOCAL_DEV_KEY = 'opzenix-local-development-key-not-for-production'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** A 32-byte base64 key is used as is; any other string is hashed to 32 bytes. */
export async function importKey(material: string): Promise<CryptoKey> {
  let raw: Uint8Array | undefined
  try {
    const decoded = fromBase64(material)
    if (decoded.length === 32) raw = decoded
  } catch { /* not base64: hash it */ }
  raw ??= new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(material)))
  return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

export const isCiphertext = (value: string) => value.startsWith(PREFIX)

export async function encrypt(key: CryptoKey, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plaintext)))
  return `${PREFIX}${toBase64(iv)}:${toBase64(sealed)}`
}

/** Throws when the value was not sealed with this key (or was altered). */
export async function decrypt(key: CryptoKey, sealed: string): Promise<string> {
  if (!isCiphertext(sealed)) throw new Error('not an Opzenix ciphertext')
  const [iv, body] = sealed.slice(PREFIX.length).split(':')
  const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, key, fromBase64(body))
  return decoder.decode(opened)
}

/** The key material for this deployment, or an error saying how to set it. */
export function keyMaterial(env: (name: string) => string | undefined): string {
  const configured = env('OPZENIX_ENCRYPTION_KEY')
  if (configured) return configured
  const url = env('SUPABASE_URL') ?? ''
  if (/^https?:\/\/(127\.0\.0\.1|localhost|kong)(:\d+)?(\/|$)/.test(url)) return LOCAL_DEV_KEY
  throw new Error('OPZENIX_ENCRYPTION_KEY is not set: run `supabase secrets set OPZENIX_ENCRYPTION_KEY=$(openssl rand -base64 32)`')
}

let cached: Promise<CryptoKey> | undefined

/** The function's key (from its secrets), imported once per worker. */
export function functionKey(): Promise<CryptoKey> {
  cached ??= importKey(keyMaterial((name) => Deno.env.get(name)))
  return cached
}

export const sealSecret = async (plaintext: string) => encrypt(await functionKey(), plaintext)
export const openSecret = async (sealed: string) => decrypt(await functionKey(), sealed)
