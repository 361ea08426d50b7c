// artifact-webhook: Docker Registry notification envelopes (bearer secret) and GitHub package events (HMAC)
// become artifacts of the integration's project, once each.
import { randomUUID } from 'node:crypto'
import { sign } from '@octokit/webhooks-methods'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const DIGEST = `sha256:${'ab'.repeat(32)}`
let stack: ProjectStack
let url: string
let secret: string

const envelope = (id: string, tag = 'v1.4.2') => ({
  events: [
    {
      id, timestamp: '2026-11-28T10:00:00Z', action: 'push',
      target: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 7023, digest: DIGEST, repository: 'acme/payments-api', url: `https://registry.acme.example/v2/acme/payments-api/manifests/${DIGEST}`, tag },
      request: { id: randomUUID(), host: 'registry.acme.example', method: 'PUT' }, actor: { name: 'ci-robot' },
    },
    { id: randomUUID(), action: 'push', target: { mediaType: 'application/octet-stream', digest: DIGEST, repository: 'acme/payments-api' }, request: { host: 'registry.acme.example' } },
  ],
})

const post = async (body: string, headers: Record<string, string>) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.docker.distribution.events.v1+json', ...headers }, body })
  return { status: res.status, body: await res.json() }
}
const artifacts = () => sql(stack, `select * from public.artifacts where metadata ? 'event_id' order by created_at`)

beforeAll(async () => {
  stack = await startProjectWithEnv({})
  url = `${stack.functionsUrl}/artifact-webhook/${INTEGRATION}`
  const admin = await signIn(stack, 'admin@opzenix.dev')
  const { data, error } = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  secret = data.secret
})
afterAll(() => stack?.stop())

describe('artifact-webhook', () => {
  it('refuses a missing or wrong secret and a wrong signature, recording nothing', async () => {
    const body = JSON.stringify(envelope(randomUUID()))
    expect((await post(body, {})).status).toBe(401)
    expect((await post(body, { authorization: 'Bearer not-the-secret' })).status).toBe(401)
    expect((await post(body, { 'x-hub-signature-256': await sign('not-the-secret', body) })).status).toBe(401)
    expect((await post(body, { authorization: `Bearer ${secret}`, 'content-type': 'text/plain' })).status).toBe(415)
    expect((await fetch(`${stack.functionsUrl}/artifact-webhook/${randomUUID()}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body })).status).toBe(404)
    expect(await artifacts()).toHaveLength(0)
  })

  it('records a registry push (manifests only) once, however often it is retried', async () => {
    const eventId = randomUUID()
    const body = JSON.stringify(envelope(eventId))
    const first = await post(body, { authorization: `Bearer ${secret}` })
    expect(first).toMatchObject({ status: 201, body: { recorded: 1 } })
    const retry = await post(body, { authorization: `Bearer ${secret}` })
    expect(retry).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1 } })
    const rows = await artifacts()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      project_id: DEMO.project, name: 'acme/payments-api:v1.4.2', image_digest: DIGEST,
      registry_url: 'registry.acme.example/acme/payments-api', size_bytes: '7023', ecosystem: 'container', digest: DIGEST,
    })
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const { data } = await viewer.from('artifacts').select('name, image_digest').eq('id', rows[0].id)
    expect(data).toEqual([{ name: 'acme/payments-api:v1.4.2', image_digest: DIGEST }])
  })

  const deliverPackage = async (payload: any) => {
    const body = JSON.stringify(payload)
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': await sign(secret, body), 'x-github-delivery': randomUUID(), 'x-github-event': 'package' },
      body,
    })
  }

  it('records an npm package from GitHub Packages as an npm package, not an image', async () => {
    const payload = example('package', (p) => p.action === 'published' && p.package.registry?.type === 'npm')
    expect((await deliverPackage(payload)).status).toBe(201)
    const row = (await artifacts()).at(-1)
    const file = payload.package.package_version.package_files[0]
    expect(row).toMatchObject({
      name: `${payload.package.name}:${payload.package.package_version.version}`, project_id: DEMO.project,
      ecosystem: 'npm', image_digest: null, digest: `sha256:${file.sha256}`,
      registry_url: `npm.pkg.github.com/@codertocat/${payload.package.name}`,
    })
  })

  it('records a container image from GHCR with its manifest digest', async () => {
    const payload = example('package', (p) => p.action === 'published' && p.package.registry?.type === 'CONTAINER')
    expect((await deliverPackage(payload)).status).toBe(201)
    const row = (await artifacts()).at(-1)
    expect(row).toMatchObject({
      name: payload.package.name, ecosystem: 'container', image_digest: payload.package.package_version.name,
      digest: payload.package.package_version.name, registry_url: 'ghcr.io/Codertocat/hello-world',
    })
  })

  it('answers 400 to JSON that is not a registry event', async () => {
    const body = JSON.stringify({ hello: 'world' })
    const res = await post(body, { authorization: `Bearer ${secret}` })
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } })
  })
})
