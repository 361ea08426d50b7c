// azure-validate, aks-validate, validate-registry and connection-health-check against Azure AD, ARM and a
// registry played by a recording server: good answers, bad credentials, 403, 5xx and a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { ARM_TOKEN, azureRoutes, registryRoutes, TENANT } from './fake-azure.ts'

let remote: RecordingServer
let stack: ProjectStack
let admin: Client
let operator: Client
let viewer: Client

const call = async (client: Client, fn: string, body: unknown) => {
  const { data, error, response } = await client.functions.invoke(fn, { body: body as any })
  return { status: response?.status ?? 0, data: data ?? (error ? await error.context?.json?.().catch(() => null) : null) }
}
const azure = (subscription_id: string, client_secret = 'good-secret') =>
  ({ organization_id: DEMO.acme, tenant_id: TENANT, client_id: 'app-1', client_secret, subscription_id })

beforeAll(async () => {
  remote = await startRecordingServer([...azureRoutes(), ...registryRoutes(() => remote.url)])
  stack = await startProjectWithEnv({
    AZURE_AUTHORITY_URL: remote.url, AZURE_ARM_URL: remote.url, GITHUB_API_URL: remote.url,
    CONNECTION_TIMEOUT_MS: '1000', AZURE_GOOD_SECRET: 'good-secret', AZURE_BAD_SECRET: 'wrong', REGISTRY_ROBOT: 'robot:good-password',
  })
  ;[admin, operator, viewer] = await Promise.all(['admin', 'operator', 'viewer'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
})
afterAll(async () => {
  await stack?.stop()
  await remote?.stop()
})

describe('azure-validate', () => {
  it('gets a token with client credentials, then reads the subscription', async () => {
    remote.requests.length = 0
    const { status, data } = await call(admin, 'azure-validate', azure('sub-1'))
    expect(status).toBe(200)
    expect(data).toMatchObject({ ok: true, status: 'healthy', message: 'Subscription Acme Production is Enabled' })
    const [token, sub] = remote.requests
    expect(new URLSearchParams(token.body).get('scope')).toBe(`${remote.url}/.default`)
    expect(sub.path).toBe('/subscriptions/sub-1?api-version=2022-12-01')
    expect(sub.headers.authorization).toBe(`Bearer ${ARM_TOKEN}`)
  })

  it('reports bad credentials, 403, 5xx, a disabled subscription and a timeout', async () => {
    const cases: Array<[ReturnType<typeof azure>, Record<string, unknown>, RegExp]> = [
      [azure('sub-1', 'wrong'), { ok: false, status: 'down', details: { http_status: 401 } }, /Azure AD rejected the credentials.*AADSTS7000215/],
      [azure('sub-forbidden'), { ok: false, status: 'down', details: { http_status: 403 } }, /refused access/],
      [azure('sub-broken'), { ok: false, status: 'down', details: { http_status: 503 } }, /is failing/],
      [azure('sub-disabled'), { ok: true, status: 'degraded' }, /Disabled/],
      [azure('sub-slow'), { ok: false, status: 'down' }, /did not answer within 1000 ms/],
    ]
    for (const [input, expected, message] of cases) {
      const { status, data } = await call(admin, 'azure-validate', input)
      expect(status, input.subscription_id).toBe(200)
      expect(data, input.subscription_id).toMatchObject(expected)
      expect(data.message, input.subscription_id).toMatch(message)
      expect(data.response_time_ms).toBeTypeOf('number')
    }
  })

  it('lets only admins test typed credentials and refuses bad input', async () => {
    expect((await call(operator, 'azure-validate', azure('sub-1'))).status).toBe(403)
    expect((await call(admin, 'azure-validate', { organization_id: DEMO.acme })).status).toBe(400)
    expect((await call(stack.anon(), 'azure-validate', azure('sub-1'))).status).toBe(401)
  })
})

describe('aks-validate', () => {
  const aks = (cluster_name: string) => ({ ...azure('sub-1'), resource_group: 'rg-prod', cluster_name })
  it('reads the managed cluster', async () => {
    const { data } = await call(admin, 'aks-validate', aks('aks-prod'))
    expect(data).toMatchObject({ ok: true, status: 'healthy', details: { provisioning_state: 'Succeeded', power_state: 'Running', kubernetes_version: '1.30.3' } })
    expect(remote.received(/managedClusters\/aks-prod$/).at(-1)?.url.pathname)
      .toBe('/subscriptions/sub-1/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod')
  })
  it('reports a stopped cluster as degraded and a missing one as down', async () => {
    expect((await call(admin, 'aks-validate', aks('aks-stopped'))).data).toMatchObject({ ok: true, status: 'degraded' })
    expect((await call(admin, 'aks-validate', aks('aks-missing'))).data).toMatchObject({ ok: false, status: 'down', details: { http_status: 404 } })
    expect((await call(admin, 'aks-validate', { ...aks('aks-prod'), client_secret: 'wrong' })).data).toMatchObject({ ok: false, status: 'down', details: { http_status: 401 } })
  })
})

describe('validate-registry', () => {
  const registry = (password: string) => ({ organization_id: DEMO.acme, registry_url: remote.url, username: 'robot', password })
  it('follows the bearer token flow to /v2/', async () => {
    remote.requests.length = 0
    const { data } = await call(admin, 'validate-registry', registry('good-password'))
    expect(data).toMatchObject({ ok: true, status: 'healthy', details: { auth: 'token', api_version: 'registry/2.0' } })
    expect(remote.requests.map((r) => r.url.pathname)).toEqual(['/v2/', '/token', '/v2/'])
    expect(remote.requests[1].url.searchParams.get('service')).toBe('registry.test')
  })
  it('reports bad credentials and a failing registry', async () => {
    expect((await call(admin, 'validate-registry', registry('nope'))).data).toMatchObject({ ok: false, status: 'down', details: { http_status: 401 } })
    remote.route({ method: 'GET', path: '/v2/', reply: { status: 500, body: 'oops' } })
    expect((await call(admin, 'validate-registry', registry('good-password'))).data).toMatchObject({ ok: false, status: 'down', details: { http_status: 500 } })
    remote.reset()
  })
})

describe('connection-health-check', () => {
  let good: string
  let bad: string
  beforeAll(async () => {
    const config = { tenant_id: TENANT, client_id: 'app-1', subscription_id: 'sub-1' }
    const { data, error } = await admin.from('connections').insert([
      { organization_id: DEMO.acme, type: 'azure', name: 'Azure (good)', config, secret_ref: 'AZURE_GOOD_SECRET' },
      { organization_id: DEMO.acme, type: 'azure', name: 'Azure (bad)', config, secret_ref: 'AZURE_BAD_SECRET' },
      { organization_id: DEMO.acme, type: 'container_registry', name: 'Local registry', config: { registry_url: remote.url }, secret_ref: 'REGISTRY_ROBOT' },
    ]).select('id, name')
    expect(error).toBeNull()
    good = data!.find((c) => c.name === 'Azure (good)')!.id
    bad = data!.find((c) => c.name === 'Azure (bad)')!.id
  })

  it('checks one connection on demand and records the result', async () => {
    const { status, data } = await call(operator, 'connection-health-check', { connection_id: good })
    expect(status).toBe(200)
    expect(data).toMatchObject({ connection_id: good, ok: true, status: 'healthy' })
    const [event] = await sql(stack, `select * from public.connection_health_events where connection_id = $1`, [good])
    expect(event).toMatchObject({ status: 'healthy', organization_id: DEMO.acme, response_time_ms: data.response_time_ms })
    const { data: row } = await viewer.from('connections').select('status, validated, last_validated_at').eq('id', good).single()
    expect(row).toMatchObject({ status: 'healthy', validated: true })
    expect((await call(operator, 'connection-health-check', { connection_id: bad })).data).toMatchObject({ ok: false, status: 'down' })
    expect((await viewer.from('connections').select('status').eq('id', bad).single()).data?.status).toBe('down')
  })

  it('refuses viewers and outsiders', async () => {
    expect((await call(viewer, 'connection-health-check', { connection_id: good })).status).toBe(403)
    const globex = await signIn(stack, 'globex@opzenix.dev')
    expect((await call(globex, 'connection-health-check', { connection_id: good })).status).toBe(404)
  })

  it('checks every connection when the schedule calls it with the service role', async () => {
    const before = await sql(stack, `select connection_id, count(*)::int as n from public.connection_health_events group by 1`)
    const { status, data } = await call(stack.service(), 'connection-health-check', {})
    expect(status).toBe(200)
    const connections = await sql(stack, `select id, type, status from public.connections`)
    expect(data.checked).toBe(connections.length)
    const after = await sql(stack, `select connection_id, count(*)::int as n from public.connection_health_events group by 1`)
    for (const c of connections) {
      const was = before.find((b) => b.connection_id === c.id)?.n ?? 0
      expect(after.find((a) => a.connection_id === c.id)?.n, c.type).toBe(was + 1)
    }
    const byName = Object.fromEntries((data.results as any[]).map((r) => [r.connection_id, r]))
    expect(byName[good].status).toBe('healthy')
    expect(connections.find((c) => c.type === 'slack')?.status).toBe('unknown')
    expect((data.results as any[]).find((r) => r.message?.includes('Registry'))).toMatchObject({ status: 'healthy' })
  })
})
