// github-webhook end to end: signed real GitHub payloads through the gateway into a real stack.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { deliver, example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api, seeded with a plaintext secret
const SEEDED_SECRET = 'whsec_demo_acme_payments_0f9d2c'
const MAX_BYTES = 256 * 1024


let stack: ProjectStack
let hook: string
let secret: string

async function settled(deliveryId: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await sql(stack, `select * from public.webhook_deliveries where delivery_id = $1`, [deliveryId])
    if (row && !['received', 'processing'].includes(row.status)) return row
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`delivery ${deliveryId} was not processed`)
}

const push = (branch: string, sha = randomUUID().replace(/-/g, '').padEnd(40, '0').slice(0, 40)) =>
  ({ ...example('push', (p) => p.ref === 'refs/heads/master'), ref: `refs/heads/${branch}`, after: sha })

beforeAll(async () => {
  stack = await startProjectWithEnv({ WEBHOOK_MAX_BYTES: String(MAX_BYTES) })
  hook = `${stack.functionsUrl}/github-webhook/${INTEGRATION}`
})
afterAll(() => stack?.stop())

describe('github-webhook', () => {
  it('accepts the seeded plaintext secret once, then stores it sealed; picks up deliveries a stopped worker left', async () => {
    // Acknowledged two minutes ago and never processed (the worker went away), and one stopped mid-way.
    const stuck = { received: randomUUID(), processing: randomUUID() }
    for (const [status, id] of Object.entries(stuck)) {
      await sql(stack, `insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, status, payload, received_at)
        values ('github', $1, 'push', $2, $3, $4, $5, now() - interval '2 minutes')`, [id, DEMO.project, INTEGRATION, status, push('hotfix/stuck')])
    }
    const sent = await deliver(hook, 'ping', example('ping'), { secret: SEEDED_SECRET })
    expect(sent.status).toBe(202)
    expect((await settled(sent.deliveryId)).status).toBe('processed')
    expect(await settled(stuck.received)).toMatchObject({ status: 'ignored', attempts: 1, result: { reason: 'no_mapping', branch: 'hotfix/stuck' } })
    const [left] = await sql(stack, `select status, attempts from public.webhook_deliveries where delivery_id = $1`, [stuck.processing])
    expect(left).toEqual({ status: 'processing', attempts: 0 })
    const [row] = await sql(stack, `select webhook_secret from public.github_integrations where id = $1`, [INTEGRATION])
    expect(row.webhook_secret).toMatch(/^v1:gcm:/)
    expect(row.webhook_secret).not.toContain(SEEDED_SECRET)
  })

  it('lets a project admin rotate the secret (shown once), not a viewer; REST never returns it', async () => {
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const refused = await viewer.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
    expect(refused.response?.status).toBe(403)
    const { data, error } = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
    expect(error).toBeNull()
    expect(data.payload_url).toBe(hook)
    expect(data.events).toEqual(expect.arrayContaining(['push', 'workflow_run']))
    secret = data.secret
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    const settings = await viewer.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook`, { method: 'GET' })
    expect(settings.data).toMatchObject({ payload_url: hook, secret_set: true, content_type: 'application/json' })
    expect(JSON.stringify(settings.data)).not.toContain(secret)
    for (const client of [admin, viewer]) {
      const { error: denied } = await client.from('github_integrations').select('webhook_secret').eq('id', INTEGRATION)
      expect(denied?.code).toBe('42501')
    }
    expect((await deliver(hook, 'ping', example('ping'), { secret: SEEDED_SECRET })).status).toBe(401)
    expect((await deliver(hook, 'ping', example('ping'), { secret })).status).toBe(202)
  })

  it('refuses a missing or bad signature (401), an unknown integration (404), non-JSON (415), too large (413), a NUL (400)', async () => {
    const before = (await sql(stack, `select count(*)::int as n from public.webhook_deliveries`))[0].n
    const missing = await deliver(hook, 'ping', example('ping'), { signature: null })
    expect(missing.status).toBe(401)
    expect(missing.body.error.code).toBe('unauthorized')
    expect((await deliver(hook, 'ping', example('ping'), { secret: 'not-the-secret' })).status).toBe(401)
    expect((await deliver(hook, 'ping', example('ping'), { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401)
    const tampered = await deliver(hook, 'ping', example('ping'), { signature: await import('@octokit/webhooks-methods').then((m) => m.sign(secret, '{"zen":"x"}')) })
    expect(tampered.status).toBe(401)
    const unknown = await deliver(`${stack.functionsUrl}/github-webhook/${randomUUID()}`, 'ping', example('ping'), { secret })
    expect(unknown.status).toBe(404)
    expect((await deliver(`${stack.functionsUrl}/github-webhook`, 'ping', example('ping'), { secret })).status).toBe(404)
    const form = await deliver(hook, 'ping', null, { secret, contentType: 'application/x-www-form-urlencoded', body: 'payload=%7B%7D' })
    expect(form.status).toBe(415)
    expect(form.body.error.message).toMatch(/application\/json/)
    const big = JSON.stringify({ ...example('ping'), padding: 'x'.repeat(MAX_BYTES) })
    const oversized = await deliver(hook, 'ping', null, { secret, body: big })
    expect(oversized.status).toBe(413)
    expect(oversized.body.error.code).toBe('payload_too_large')
    const nul = await deliver(hook, 'ping', { ...example('ping'), zen: 'nul \u0000 byte' }, { secret })
    expect(nul).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } })
    const after = (await sql(stack, `select count(*)::int as n from public.webhook_deliveries`))[0].n
    expect(after).toBe(before)
  })

  it('processes a redelivery once and concurrent duplicates once', async () => {
    const first = await deliver(hook, 'ping', example('ping'), { secret })
    await settled(first.deliveryId)
    const again = await deliver(hook, 'ping', example('ping'), { secret, deliveryId: first.deliveryId })
    expect(again).toMatchObject({ status: 200, body: { duplicate: true, id: first.body.id } })

    const deliveryId = randomUUID()
    const payload = push('hotfix/concurrent')
    const answers = await Promise.all(Array.from({ length: 12 }, () => deliver(hook, 'push', payload, { secret, deliveryId })))
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate)).toHaveLength(11)
    const row = await settled(deliveryId)
    expect(row.attempts).toBe(1)
    expect((await sql(stack, `select count(*)::int as n from public.webhook_deliveries where delivery_id = $1`, [deliveryId]))[0].n).toBe(1)
  })

  it('stores and ignores an event it does not handle', async () => {
    const sent = await deliver(hook, 'star', example('star'), { secret })
    expect(sent.status).toBe(202)
    const row = await settled(sent.deliveryId)
    expect(row).toMatchObject({ event: 'star', status: 'ignored', project_id: DEMO.project })
    expect(row.payload.action).toBe(example('star').action)
  })

  it('records ping, pull_request, workflow_run, workflow_job and deployment_status', async () => {
    const cases: Array<[string, Record<string, any>, Record<string, unknown>]> = [
      ['ping', example('ping'), { zen: example('ping').zen }],
      ['pull_request', example('pull_request', (p) => p.action === 'opened'), { action: 'opened' }],
      ['workflow_run', example('workflow_run', (p) => p.workflow_run.conclusion === 'success'), { conclusion: 'success', run_id: 289782451, workflow_path: '.github/workflows/test.yml' }],
      ['workflow_job', example('workflow_job', (p) => p.action === 'completed'), { action: 'completed' }],
      ['deployment_status', example('deployment_status'), { state: example('deployment_status').deployment_status.state }],
    ]
    for (const [event, payload, expected] of cases) {
      const sent = await deliver(hook, event, payload, { secret })
      expect(sent.status, event).toBe(202)
      const row = await settled(sent.deliveryId)
      expect(row.status, event).toBe('processed')
      expect(row.result, event).toMatchObject(expected)
    }
  })

  it('a push on a mapped branch starts the mapped pipeline in the mapped environment', async () => {
    // A pipeline the engine can run, mapped ahead of the seeded ones by an admin through the API.
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const { data: flow, error } = await admin.from('flow_templates').insert({
      project_id: DEMO.project, name: 'Webhook test pipeline', type: 'cicd',
      nodes: [
        { id: 'src', kind: 'source', config: { repository: 'acme/payments-api', branch: 'develop' } },
        { id: 'build', kind: 'build', config: { executor: { type: 'simulated', duration_ms: 0 } } },
        { id: 'deploy', kind: 'deploy', config: { environment: 'dev' } },
      ],
      edges: [{ source: 'src', target: 'build' }, { source: 'build', target: 'deploy' }],
    }).select('id').single()
    expect(error).toBeNull()
    const mapped = await admin.from('branch_mappings').insert({
      project_id: DEMO.project, github_integration_id: INTEGRATION, branch_pattern: 'dev*', environment_id: DEMO.env.dev,
      flow_template_id: flow!.id, is_deployable: true, position: -1,
    })
    expect(mapped.error).toBeNull()
    const sha = 'a'.repeat(7) + randomUUID().replace(/-/g, '').slice(0, 33)
    const sent = await deliver(hook, 'push', push('develop', sha), { secret })
    expect(sent.status).toBe(202)
    const row = await settled(sent.deliveryId)
    expect(row.error).toBeNull()
    expect(row.status).toBe('processed')
    expect(row.result).toMatchObject({ branch: 'develop', pattern: 'dev*', environment_id: DEMO.env.dev, flow_template_id: flow!.id, deployable: true })
    expect(row.result, JSON.stringify(row.result)).toMatchObject({ started: true })
    const runs = await sql(stack, `select * from public.executions where commit_sha = $1`, [sha])
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ id: row.result.execution_id, environment_id: DEMO.env.dev, trigger_source: 'webhook', branch: 'develop', project_id: DEMO.project })
    const replay = await deliver(hook, 'push', push('develop', sha), { secret, deliveryId: sent.deliveryId })
    expect(replay.body.duplicate).toBe(true)
    expect(await sql(stack, `select id from public.executions where commit_sha = $1`, [sha])).toHaveLength(1)

    const racedSha = 'b'.repeat(8) + randomUUID().replace(/-/g, '').slice(0, 32)
    const deliveryId = randomUUID()
    const copies = await Promise.all(Array.from({ length: 8 }, () => deliver(hook, 'push', push('develop', racedSha), { secret, deliveryId })))
    expect(copies.filter((c) => c.status === 202)).toHaveLength(1)
    expect((await settled(deliveryId)).result.started).toBe(true)
    expect(await sql(stack, `select id from public.executions where commit_sha = $1`, [racedSha])).toHaveLength(1)
  })

  it('a push on an unmapped branch, a non-deployable one or a tag starts nothing', async () => {
    const before = (await sql(stack, `select count(*)::int as n from public.executions`))[0].n
    const unmapped = await deliver(hook, 'push', push('hotfix/nothing-maps-this'), { secret })
    expect(await settled(unmapped.deliveryId)).toMatchObject({ status: 'ignored', result: { reason: 'no_mapping', branch: 'hotfix/nothing-maps-this' } })
    const feature = await deliver(hook, 'push', push('feature/login'), { secret })
    expect(await settled(feature.deliveryId)).toMatchObject({ status: 'processed', result: { pattern: 'feature/*', started: false, reason: 'not_deployable' } })
    const tag = await deliver(hook, 'push', example('push', (p) => p.ref === 'refs/tags/simple-tag' && !p.deleted), { secret })
    expect(await settled(tag.deliveryId)).toMatchObject({ status: 'ignored', result: { reason: 'not_a_branch' } })
    expect((await sql(stack, `select count(*)::int as n from public.executions`))[0].n).toBe(before)
  })

  it('a push on a release branch starts the release pipeline its mapping names', async () => {
    const release = await deliver(hook, 'push', push('release/2.0'), { secret })
    expect(await settled(release.deliveryId)).toMatchObject({ status: 'processed', result: { pattern: 'release/*', started: true } })
  })
})
