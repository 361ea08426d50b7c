// Azure AD, Azure Resource Manager and a Docker registry as the recording server plays them.
import type { Reply, Route } from '../helpers/recording-server.ts'

export const TENANT = 'tenant-acme'
export const ARM_TOKEN = 'arm-access-token'
export const REGISTRY_TOKEN = 'registry-bearer-token'

const bearer = (headers: Record<string, unknown>, token: string) => headers.authorization === `Bearer ${token}`
const noToken = { status: 401, json: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } }

export function azureRoutes(): Route[] {
  return [
    { method: 'POST', path: `/${TENANT}/oauth2/v2.0/token`, reply: (req) => {
      const form = new URLSearchParams(req.body)
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'good-secret') {
        return { status: 401, json: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } }
      }
      return { json: { token_type: 'Bearer', expires_in: 3599, access_token: ARM_TOKEN } }
    } },
    { method: 'GET', path: /^\/subscriptions\/[^/]+$/, reply: (req) => {
      if (!bearer(req.headers, ARM_TOKEN)) return noToken
      const id = req.url.pathname.split('/')[2]
      if (id === 'sub-forbidden') return { status: 403, json: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action' } } }
      if (id === 'sub-broken') return { status: 503, json: { error: { code: 'ServiceUnavailable', message: 'Try again later' } } }
      if (id === 'sub-slow') return { delayMs: 3000, json: {} }
      return { json: { subscriptionId: id, displayName: 'Acme Production', state: id === 'sub-disabled' ? 'Disabled' : 'Enabled' } }
    } },
    { method: 'GET', path: /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/, reply: (req) => {
      if (!bearer(req.headers, ARM_TOKEN)) return noToken
      const name = req.url.pathname.split('/').at(-1)!
      if (name === 'aks-missing') return { status: 404, json: { error: { code: 'ResourceNotFound', message: `The Resource '${name}' was not found.` } } }
      return { json: { name, location: 'westeurope', properties: {
        provisioningState: 'Succeeded', powerState: { code: name === 'aks-stopped' ? 'Stopped' : 'Running' },
        kubernetesVersion: '1.30.3', fqdn: `${name}.hcp.westeurope.azmk8s.io`,
      } } }
    } },
  ]
}

/** `/v2/` behind the token flow; the token service wants Basic robot:good-password. */
export function registryRoutes(origin: () => string): Route[] {
  return [
    { method: 'GET', path: '/v2/', reply: (req): Reply => bearer(req.headers, REGISTRY_TOKEN)
      ? { json: {}, headers: { 'docker-distribution-api-version': 'registry/2.0' } }
      : { status: 401, json: { errors: [{ code: 'UNAUTHORIZED' }] }, headers: { 'www-authenticate': `Bearer realm="${origin()}/token",service="registry.test",scope="registry:catalog:*"` } } },
    { method: 'GET', path: '/token', reply: (req) => req.headers.authorization === `Basic ${Buffer.from('robot:good-password').toString('base64')}`
      ? { json: { token: REGISTRY_TOKEN, expires_in: 300 } }
      : { status: 401, json: { details: 'incorrect username or password' } } },
  ]
}
