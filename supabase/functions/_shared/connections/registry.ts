// Docker Registry HTTP API v2: GET /v2/, following the token flow when the registry asks for it
// (401 + `WWW-Authenticate: Bearer realm=...,service=...` → token from the realm → retry with it).
import { CheckFailed, failure, request } from './result.ts'

export interface RegistryCredentials {
  registry_url: string // e.g. ghcr.io/acme, https://registry.example.com
  username?: string
  password?: string // or a token
}

/** `ghcr.io/acme` → `https://ghcr.io`; an explicit http:// is kept (local registries). */
export function registryOrigin(url: string): string {
  const withScheme = /^https?:\/\//.test(url) ? url : `https://${url}`
  return new URL(withScheme).origin
}

export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const [scheme, ...rest] = header.trim().split(/\s+/)
  const params: Record<string, string> = {}
  for (const m of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g)) params[m[1].toLowerCase()] = m[2]
  return { scheme: scheme.toLowerCase(), params }
}

const basic = (c: RegistryCredentials) =>
  c.username || c.password ? `Basic ${btoa(`${c.username ?? ''}:${c.password ?? ''}`)}` : undefined

async function bearerToken(c: RegistryCredentials, params: Record<string, string>): Promise<string> {
  if (!params.realm) throw new CheckFailed('The registry asked for a token without saying where to get one')
  const url = new URL(params.realm)
  if (params.service) url.searchParams.set('service', params.service)
  if (params.scope) url.searchParams.set('scope', params.scope)
  const auth = basic(c)
  const res = await request(url.href, { headers: auth ? { authorization: auth } : {} }, 'The registry\'s token service')
  if (!res.ok) throw await failure(res, 'The registry\'s token service')
  const body = await res.json().catch(() => ({}))
  const token = body.token ?? body.access_token
  if (typeof token !== 'string') throw new CheckFailed('The registry\'s token service answered without a token')
  return token
}

export async function validateRegistry(c: RegistryCredentials) {
  const endpoint = `${registryOrigin(c.registry_url)}/v2/`
  let res = await request(endpoint, {}, 'The registry')
  let auth = 'anonymous'
  if (res.status === 401) {
    const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '')
    await res.body?.cancel()
    let authorization: string | undefined
    if (challenge.scheme === 'bearer') {
      authorization = `Bearer ${await bearerToken(c, challenge.params)}`
      auth = 'token'
    } else if (challenge.scheme === 'basic') {
      authorization = basic(c)
      if (!authorization) throw new CheckFailed('The registry needs a username and password')
      auth = 'basic'
    } else {
      throw new CheckFailed('The registry refused anonymous access without saying how to authenticate (HTTP 401)')
    }
    res = await request(endpoint, { headers: { authorization } }, 'The registry')
  }
  if (!res.ok) throw await failure(res, 'The registry')
  await res.body?.cancel()
  const version = res.headers.get('docker-distribution-api-version')
  return {
    message: `Registry ${new URL(endpoint).host} answered /v2/ (${auth})`,
    details: { auth, api_version: version },
  }
}
