// Who hears about what, once, and how it reaches them: an approval request notifies exactly the people who
// could approve it (roles, the starter, per-environment grants), a failed run its starter, never everyone;
// the same event twice adds nothing; email (Resend-shaped mail API), a Slack incoming webhook and a signed
// generic webhook reach a recording server; failures are retried with growing delays and every delivery row
// tells its attempts and outcome; a person's mute and email switch are respected; only the service role may
// call notify-event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { verifySignature } from '../../supabase/functions/_shared/notifications/webhook-signature.ts'
import {
  addChannel, deliveries, disableChannels, HOOK_SECRET, inApp, MAIL_KEY, notifyEvent, openRequest, sleep, startNotifyWorld,
  type NotifyWorld,
} from './helpers.ts'

let world: NotifyWorld
const U = DEMO.users
const sorted = (ids: string[]) => [...ids].sort()

beforeAll(async () => { world = await startNotifyWorld() }, 120_000)
afterAll(async () => {
  await world?.stack.stop()
  await world?.server.stop()
})

describe('routing', () => {
  it('sends approval_requested to the eligible approvers only: not the starter, not viewers, not another organization', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    // Acme: admin and lead are admins, operator (the starter) and sre operators, viewer a viewer.
    expect(await inApp(world.stack, `approval_requested:${requestId}`)).toEqual(sorted([U.admin, U.lead, U.sre]))
    const [row] = await sql(world.stack, `select type, target, project_id, payload from public.notification_events where payload ->> 'event_key' = $1 limit 1`, [`approval_requested:${requestId}`])
    expect(row).toMatchObject({ type: 'approval_requested', target: 'in_app', project_id: DEMO.project })
    expect(row.payload).toMatchObject({ title: 'Approval needed: Release 2.0.0 to staging', approval_request_id: requestId, environment: 'staging' })
  })

  it('follows per-environment approve grants: a deny removes an operator, an allow adds a viewer', async () => {
    await sql(world.stack, `insert into public.environment_permissions (organization_id, project_id, environment_id, user_id, action, effect)
      values ($1, $2, $3, $4, 'approve', 'deny'), ($1, $2, $3, $5, 'approve', 'allow')`, [DEMO.acme, DEMO.project, DEMO.env.uat, U.sre, U.viewer])
    const { requestId } = await openRequest(world.stack, 'uat', U.operator)
    expect(await inApp(world.stack, `approval_requested:${requestId}`)).toEqual(sorted([U.admin, U.lead, U.viewer]))
  })

  it('leaves out whoever started the run, and tells the starter of a failed run, only them', async () => {
    const { requestId, executionId } = await openRequest(world.stack, 'dev', U.sre)
    expect(await inApp(world.stack, `approval_requested:${requestId}`)).toEqual(sorted([U.admin, U.lead, U.operator]))
    await sql(world.stack, `update public.executions set status = 'failed', error_message = 'unit tests failed' where id = $1`, [executionId])
    expect(await inApp(world.stack, `run_failed:${executionId}`)).toEqual([U.sre])
    const viewer = await signIn(world.stack, 'viewer@opzenix.dev')
    const sre = await signIn(world.stack, 'sre@opzenix.dev')
    const key = `run_failed:${executionId}`
    expect((await viewer.from('notification_events').select('id').eq('payload->>event_key', key)).data).toEqual([])
    const { data: mine } = await sre.from('notification_events').select('type, payload, read_at').eq('payload->>event_key', key)
    expect(mine).toEqual([{ type: 'run_failed', read_at: null, payload: expect.objectContaining({ title: `Run failed: notify test 3`, body: 'unit tests failed' }) }])
  })

  it('adds nothing when the same event is raised again or the request changes', async () => {
    await addChannel(world.stack, { kind: 'email' })
    const { requestId } = await openRequest(world.stack, 'staging')
    const key = `approval_requested:${requestId}`
    const before = { inApp: (await inApp(world.stack, key)).length, deliveries: (await deliveries(world.stack, key)).length }
    expect(before).toEqual({ inApp: 3, deliveries: 3 })
    await sql(world.stack, `update public.approval_requests set title = 'renamed' where id = $1`, [requestId])
    await sql(world.stack, `select private.raise_notification('approval_requested', $1, $2, $3, array[$4, $5]::uuid[], '{}'::jsonb)`,
      [key, DEMO.acme, DEMO.project, U.admin, U.lead])
    expect({ inApp: (await inApp(world.stack, key)).length, deliveries: (await deliveries(world.stack, key)).length }).toEqual(before)
    await notifyEvent(world.stack)
    await disableChannels(world.stack)
  })
})

describe('delivery', () => {
  it('emails each approver through the mail API, posts Slack {text, blocks} and a signed webhook, once each', async () => {
    await addChannel(world.stack, { kind: 'email' })
    await addChannel(world.stack, { kind: 'slack', url: `${world.server.url}/slack/T000/B000` })
    await addChannel(world.stack, { kind: 'webhook', url: `${world.server.url}/hook`, secret_ref: 'HOOK_SECRET' })
    world.server.reset()
    const { requestId } = await openRequest(world.stack, 'staging')
    const key = `approval_requested:${requestId}`
    expect((await sql(world.stack, 'select public.notification_delivery_due() as due'))[0].due).toBe(true)

    const answer = await notifyEvent(world.stack)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ delivered: 5, retrying: 0, failed: 0 })
    expect((await sql(world.stack, 'select public.notification_delivery_due() as due'))[0].due).toBe(false)

    const emails = world.server.received('/emails', 'POST')
    expect(emails.map((e) => JSON.parse(e.body).to[0]).sort()).toEqual(['admin@opzenix.dev', 'lead@opzenix.dev', 'sre@opzenix.dev'])
    const toAdmin = JSON.parse(emails.find((e) => e.body.includes('admin@opzenix.dev'))!.body)
    expect(emails[0].headers.authorization).toBe(`Bearer ${MAIL_KEY}`)
    expect(toAdmin).toMatchObject({ from: 'Opzenix <ops@example.test>', subject: '[Opzenix] Approval needed: Release 2.0.0 to staging' })
    expect(toAdmin.text).toMatch(/Approve: http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/approval-link\?token=v1\./)
    expect(toAdmin.text).toMatch(/Reject: http/)
    expect(toAdmin.html).toContain('>Approve</a>')

    const [slack] = world.server.received(/^\/slack/, 'POST')
    const message = JSON.parse(slack.body)
    expect(message.text).toBe('Approval needed: Release 2.0.0 to staging: notify test 5 2.0.0 waits for 1 approval(s) to deploy to Staging.')
    expect(message.blocks[0]).toMatchObject({ type: 'section' })
    expect(JSON.stringify(message.blocks)).toContain('Ada Admin')
    expect(slack.body).not.toContain('approval-link') // a channel never gets personal approve links

    const [hook] = world.server.received('/hook', 'POST')
    expect(await verifySignature(HOOK_SECRET, hook.body, hook.headers['x-opzenix-signature'] as string)).toMatchObject({ ok: true })
    expect(await verifySignature('another secret', hook.body, hook.headers['x-opzenix-signature'] as string)).toMatchObject({ ok: false })
    expect(hook.headers['x-opzenix-event']).toBe('approval_requested')
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'approval_requested', event_key: key, url: expect.stringContaining('http://app.example.test/executions/') })

    const rows = await deliveries(world.stack, key)
    expect(rows.map((r) => [r.kind, r.status, r.attempts, r.last_status])).toEqual([
      ['email', 'delivered', 1, 200], ['email', 'delivered', 1, 200], ['email', 'delivered', 1, 200],
      ['slack', 'delivered', 1, 200], ['webhook', 'delivered', 1, 204],
    ])
    expect(rows.every((r) => r.delivered_at !== null && r.last_error === null)).toBe(true)
    expect(hook.headers['x-opzenix-delivery']).toBe(rows[4].id)

    // Nothing is sent twice.
    expect((await notifyEvent(world.stack)).body.deliveries).toEqual([])
    expect(world.server.received('/emails', 'POST')).toHaveLength(3)
    await disableChannels(world.stack)
  })

  it('retries a failing Slack webhook with doubling delays until it answers, and records every attempt', async () => {
    let calls = 0
    world.server.route({ method: 'POST', path: '/slack/flaky', reply: () => (++calls <= 2 ? { status: 503, body: 'try later' } : { status: 200, body: 'ok' }) })
    await addChannel(world.stack, { kind: 'slack', url: `${world.server.url}/slack/flaky` })
    const [{ id: executionId }] = await sql(world.stack, `insert into public.executions (project_id, name, status, started_by)
      values ($1, 'flaky slack', 'running', $2) returning id`, [DEMO.project, U.operator])
    await sql(world.stack, `update public.executions set status = 'failed' where id = $1`, [executionId])
    const key = `run_failed:${executionId}`

    const gaps: number[] = []
    for (let attempt = 1; attempt <= 2; attempt++) {
      await notifyEvent(world.stack)
      const [row] = await sql(world.stack, `select status, attempts, last_status, last_error,
        extract(epoch from next_attempt_at - updated_at) * 1000 as gap_ms from public.notification_deliveries where event_key = $1`, [key])
      expect(row).toMatchObject({ status: 'retrying', attempts: attempt, last_status: 503 })
      expect(row.last_error).toMatch(/answered 503: try later/)
      gaps.push(Number(row.gap_ms))
      // Not due yet: a call now sends nothing.
      expect((await notifyEvent(world.stack)).body.deliveries).toEqual([])
      await sleep(Number(row.gap_ms) + 50)
    }
    expect(gaps[0]).toBeGreaterThanOrEqual(280) // NOTIFY_RETRY_BASE_MS = 300, then doubled
    expect(gaps[1]).toBeGreaterThanOrEqual(gaps[0] * 1.8)
    await notifyEvent(world.stack)
    const [done] = await sql(world.stack, `select status, attempts, last_status, last_error, delivered_at from public.notification_deliveries where event_key = $1`, [key])
    expect(done).toMatchObject({ status: 'delivered', attempts: 3, last_status: 200, last_error: null })
    expect(done.delivered_at).not.toBeNull()
    expect(calls).toBe(3)
    await disableChannels(world.stack)
  })

  it('gives up after the last attempt, and at once on a refusal that a retry cannot fix', async () => {
    world.server.route({ method: 'POST', path: '/hook/down', reply: { status: 500, body: 'boom' } })
    world.server.route({ method: 'POST', path: '/hook/gone', reply: { status: 410, body: 'no such hook' } })
    await addChannel(world.stack, { kind: 'webhook', name: 'down', url: `${world.server.url}/hook/down`, secret_ref: 'HOOK_SECRET' })
    await addChannel(world.stack, { kind: 'webhook', name: 'gone', url: `${world.server.url}/hook/gone`, secret_ref: 'HOOK_SECRET' })
    const { requestId } = await openRequest(world.stack, 'staging')
    const key = `approval_requested:${requestId}`
    for (let i = 0; i < 3; i++) {
      await notifyEvent(world.stack)
      await sleep(300 * 2 ** i + 100)
    }
    const rows = await sql(world.stack, `select c.name, d.status, d.attempts, d.last_status, d.last_error from public.notification_deliveries d
      join public.notification_channels c on c.id = d.channel_id where d.event_key = $1 order by c.name`, [key])
    expect(rows).toEqual([
      { name: 'down', status: 'failed', attempts: 3, last_status: 500, last_error: expect.stringContaining('answered 500: boom') },
      { name: 'gone', status: 'failed', attempts: 1, last_status: 410, last_error: expect.stringContaining('answered 410') },
    ])
    await disableChannels(world.stack)
  })

  it('retries, with the reason, a channel whose secret is not set', async () => {
    await addChannel(world.stack, { kind: 'webhook', name: 'unset', url: `${world.server.url}/hook`, secret_ref: 'NOT_SET_ANYWHERE' })
    const { requestId } = await openRequest(world.stack, 'staging')
    await notifyEvent(world.stack)
    const [row] = await sql(world.stack, `select status, attempts, last_status, last_error from public.notification_deliveries where event_key = $1`, [`approval_requested:${requestId}`])
    expect(row).toEqual({ status: 'retrying', attempts: 1, last_status: null, last_error: 'the function secret NOT_SET_ANYWHERE (the signing key) is not set' })
    await disableChannels(world.stack)
  })
})

describe('per-user settings', () => {
  it('respects a muted event type everywhere and email turned off, through the API as the person', async () => {
    const lead = await signIn(world.stack, 'lead@opzenix.dev')
    const sre = await signIn(world.stack, 'sre@opzenix.dev')
    expect((await lead.from('notification_preferences').upsert({ user_id: U.lead, muted_types: ['approval_requested'] })).error).toBeNull()
    expect((await sre.from('notification_preferences').upsert({ user_id: U.sre, email_enabled: false })).error).toBeNull()
    // Nobody sets someone else's.
    expect((await sre.from('notification_preferences').upsert({ user_id: U.admin, email_enabled: false })).error).not.toBeNull()

    await addChannel(world.stack, { kind: 'email' })
    const { requestId } = await openRequest(world.stack, 'staging')
    const key = `approval_requested:${requestId}`
    expect(await inApp(world.stack, key)).toEqual(sorted([U.admin, U.sre]))
    expect((await deliveries(world.stack, key)).map((d) => d.user_id)).toEqual([U.admin])
    await notifyEvent(world.stack)
    await disableChannels(world.stack)
    await sql(world.stack, 'delete from public.notification_preferences')
  })
})

describe('notify-event', () => {
  it('refuses anyone but the service role, and bad input, in the one error shape', async () => {
    expect((await notifyEvent(world.stack, null)).status).toBe(401)
    const anon = await notifyEvent(world.stack, world.stack.anonKey)
    expect(anon.status).toBe(403)
    expect(anon.body.error).toMatchObject({ code: 'forbidden' })
    const admin = await signIn(world.stack, 'admin@opzenix.dev')
    const token = (await admin.auth.getSession()).data.session!.access_token
    expect((await notifyEvent(world.stack, token)).status).toBe(403)
    const bad = await notifyEvent(world.stack, world.stack.serviceRoleKey, { max_deliveries: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
  })
})
