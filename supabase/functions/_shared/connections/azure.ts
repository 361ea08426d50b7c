// Azure: OAuth2 client credentials against Azure AD (Microsoft Entra ID), then Azure Resource Manager calls.
// AZURE_AUTHORITY_URL and AZURE_ARM_URL point elsewhere for sovereign clouds (and for tests).
import { CheckFailed, failure, request } from './result.ts'

export interface AzureCredentials {
  tenant_id: string
  client_id: string
  client_secret: string
}

const authority = () => (Deno.env.get('AZURE_AUTHORITY_URL') ?? 'https://login.microsoftonline.com').replace(/\/$/, '')
export const armUrl = () => (Deno.env.get('AZURE_ARM_URL') ?? 'https://management.azure.com').replace(/\/$/, '')

export async function armToken(c: AzureCredentials): Promise<string> {
  const res = await request(`${authority()}/${encodeURIComponent(c.tenant_id)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: c.client_id, client_secret: c.client_secret,
      scope: `${armUrl()}/.default`,
    }),
  }, 'Azure AD')
  if (!res.ok) throw await failure(res, 'Azure AD')
  const body = await res.json().catch(() => ({}))
  if (typeof body.access_token !== 'string') throw new CheckFailed('Azure AD answered without an access token')
  return body.access_token
}

export async function armGet(token: string, path: string, what: string): Promise<Record<string, any>> {
  const res = await request(`${armUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } }, what)
  if (!res.ok) throw await failure(res, what)
  return await res.json().catch(() => ({}))
}

export async function validateAzure(c: AzureCredentials & { subscription_id: string }) {
  const token = await armToken(c)
  const sub = await armGet(token, `/subscriptions/${encodeURIComponent(c.subscription_id)}?api-version=2022-12-01`, 'Azure Resource Manager')
  const state = sub.state ?? 'unknown'
  return {
    message: `Subscription ${sub.displayName ?? c.subscription_id} is ${state}`,
    details: { subscription_id: sub.subscriptionId ?? c.subscription_id, display_name: sub.displayName, state },
    degraded: state !== 'Enabled',
  }
}

export interface AksTarget {
  subscription_id: string
  resource_group: string
  cluster_name: string
}

export async function validateAks(c: AzureCredentials & AksTarget) {
  const token = await armToken(c)
  const path = `/subscriptions/${encodeURIComponent(c.subscription_id)}/resourceGroups/${encodeURIComponent(c.resource_group)}` +
    `/providers/Microsoft.ContainerService/managedClusters/${encodeURIComponent(c.cluster_name)}?api-version=2024-05-01`
  const cluster = await armGet(token, path, 'AKS')
  const props = cluster.properties ?? {}
  const provisioning = props.provisioningState ?? 'unknown'
  const power = props.powerState?.code ?? 'unknown'
  return {
    message: `Cluster ${cluster.name ?? c.cluster_name}: ${provisioning}, ${power}, Kubernetes ${props.kubernetesVersion ?? '?'}`,
    details: { provisioning_state: provisioning, power_state: power, kubernetes_version: props.kubernetesVersion, fqdn: props.fqdn, location: cluster.location },
    degraded: provisioning !== 'Succeeded' || power !== 'Running',
  }
}
