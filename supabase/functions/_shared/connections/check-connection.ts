// One health check per connection type, with credentials from function secrets (connections.secret_ref)
// and the organization's GitHub token.
import type { SupabaseClient } from '@supabase/supabase-js'
import { orgToken } from '../github/org-token.ts'
import { HttpError } from '../http.ts'
import type { ConnectionRow } from './access.ts'
import { secretNamed } from './access.ts'
import { validateAks, validateAzure } from './azure.ts'
import { validateGithub } from './github.ts'
import { validateRegistry } from './registry.ts'
import { CheckFailed, request, runCheck, type ValidationResult } from './result.ts'

const text = (config: Record<string, unknown>, key: string) => (typeof config[key] === 'string' ? config[key] as string : '')

function azureCredentials(c: ConnectionRow) {
  const secret = secretNamed(c.secret_ref)
  if (!secret) throw new CheckFailed(`The function secret ${c.secret_ref ?? '(secret_ref not set)'} holding the client secret is not set`)
  for (const key of ['tenant_id', 'client_id', 'subscription_id']) {
    if (!text(c.config, key)) throw new CheckFailed(`The connection's config has no ${key}`)
  }
  return { tenant_id: text(c.config, 'tenant_id'), client_id: text(c.config, 'client_id'), client_secret: secret, subscription_id: text(c.config, 'subscription_id') }
}

function registryCredentials(c: ConnectionRow) {
  const secret = secretNamed(c.secret_ref)
  const [user, pass] = secret?.includes(':') ? [secret.slice(0, secret.indexOf(':')), secret.slice(secret.indexOf(':') + 1)] : [text(c.config, 'username'), secret]
  return { registry_url: text(c.config, 'registry_url'), username: user || undefined, password: pass || undefined }
}

async function otelReachable(endpoint: string) {
  const res = await request(`${endpoint.replace(/\/$/, '')}/v1/traces`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[]}',
  }, 'The OTLP collector')
  await res.body?.cancel()
  if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 404) {
    throw new CheckFailed(`The OTLP collector answered HTTP ${res.status}`, { http_status: res.status })
  }
  return { message: `The OTLP collector accepted an empty export (HTTP ${res.status})` }
}

/** Checks one connection; a type Opzenix cannot check is reported `unknown`, not `down`. */
export async function checkConnection(admin: SupabaseClient, c: ConnectionRow): Promise<ValidationResult> {
  const result = await runCheck(async () => {
    switch (c.type) {
      case 'github': {
        let token: string
        try {
          token = await orgToken(admin, c.organization_id)
        } catch (error) {
          if (error instanceof HttpError) throw new CheckFailed(error.message)
          throw error
        }
        return validateGithub(token, text(c.config, 'repository') || undefined)
      }
      case 'azure':
        return validateAzure(azureCredentials(c))
      case 'kubernetes':
        if (!text(c.config, 'cluster_name')) {
          throw new CheckFailed('Only AKS clusters are checked (config: tenant_id, client_id, subscription_id, resource_group, cluster_name)', { unsupported: true })
        }
        return validateAks({ ...azureCredentials(c), resource_group: text(c.config, 'resource_group'), cluster_name: text(c.config, 'cluster_name') })
      case 'container_registry':
        if (!text(c.config, 'registry_url')) throw new CheckFailed('The connection\'s config has no registry_url')
        return validateRegistry(registryCredentials(c))
      case 'otel':
        if (!text(c.config, 'endpoint')) throw new CheckFailed('The connection\'s config has no endpoint')
        return otelReachable(text(c.config, 'endpoint'))
      default:
        throw new CheckFailed(`Opzenix cannot check ${c.type} connections yet`, { unsupported: true })
    }
  })
  return result.details?.unsupported ? { ...result, status: 'unknown' } : result
}
