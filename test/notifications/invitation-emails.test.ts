// Invitations reach the invited address through the organization's email channels (migration …006000): one
// email with a link that works, nothing when there is no email channel or the invitation was revoked or
// replaced first, the raw token gone from the database once the email is sent or given up, retries and the
// last error recorded. And the channels themselves: admins manage and test them, nobody else can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { addChannel, disableChannels, notifyEvent, sleep, startNotifyWorld, type NotifyWorld } from './helpers.ts'

let world: NotifyWorld
let admin: Client
let invited = 0
const address = () => `invitee-${++invited}-${process.pid}@example.test`

async function invite(email: string, role = 'operator'): Promise<{ invitation_id: string; token: string }> {
  const { data, error } = await admin.rpc('invite_member', { _organization_id: DEMO.acme, _email: email, _role: role }).single()
  if (error) throw new Error(error.message)
  return data as { invitation_id: string; token: string }
}

const invitationDeliveries = (invitationId: string) =>
  sql(world.stack, `select d.*, c.name as channel_name from public.notification_deliveries d join public.notification_channels c on c.id = d.channel_id
    where d.event_key = $1 order by d.created_at`, [`invitation:${invitationId}`])

const emailsTo = (email: string) =>
  world.server.received('/emails', 'POST').map((r) => JSON.parse(r.body)).filter((m) => m.to[0] === email)

/** Calls notify-event until nothing is left to retry for `eventKey`, waiting out each backoff. */
async function sendUntilSettled(eventKey: string): Promise<void> {
  for (;;) {
    await notifyEvent(world.stack)
    const [row] = await sql(world.stack, `select status, greatest(0, extract(epoch from next_attempt_at - now()) * 1000) as wait_ms
      from public.notification_deliveries where event_key = $1`, [eventKey])
    if (row.status !== 'retrying' && row.status !== 'pending') return
    await sleep(Number(row.wait_ms) + 50)
  }
}

beforeAll(async () => {
  world = await startNotifyWorld()
  admin = await signIn(world.stack, 'admin@opzenix.dev')
  await disableChannels(world.stack)
}, 120_000)
afterAll(async () => {
  await world?.stack.stop()
  await world?.server.stop()
})

describe('an invitation with an email channel', () => {
  let channelId = ''
  beforeAll(async () => {
    channelId = await addChannel(world.stack, { kind: 'email', name: 'Team mail', event_types: ['invitation'] })
    // A Slack channel carrying everything never gets the invitation: its link is for one person.
    await addChannel(world.stack, { kind: 'slack', name: 'Team Slack', url: `${world.server.url}/slack/all` })
  })
  afterAll(() => disableChannels(world.stack))

  it('emails the invited address once, with a link that lets them accept and join with the role', async () => {
    const email = address()
    const { invitation_id, token } = await invite(email, 'operator')
    const [pending] = await invitationDeliveries(invitation_id)
    expect(pending).toMatchObject({ status: 'pending', to_email: email, user_id: null, channel_id: channelId, event_type: 'invitation' })
    expect((await invitationDeliveries(invitation_id))).toHaveLength(1)

    expect((await notifyEvent(world.stack)).body).toMatchObject({ delivered: 1, failed: 0 })
    expect(world.server.received(/^\/slack/, 'POST')).toEqual([])
    const [mail, ...more] = emailsTo(email)
    expect(more).toEqual([])
    expect(mail.subject).toBe('[Opzenix] Ada Admin invited you to Acme')
    expect(mail.text).toContain('Ada Admin invited you to join Acme on Opzenix as an operator.')
    expect(mail.text).toMatch(/until \d{1,2} \w+ \d{4}, \d\d:\d\d UTC/)
    const link = /Accept the invitation: (\S+)/.exec(mail.text)![1]
    expect(link).toBe(`http://app.example.test/invite/${token}`)
    expect(mail.html).toContain(`href="${link}"`)

    // The invited person signs up with that address and accepts with the token from the email.
    expect((await world.stack.service().auth.admin.createUser({ email, password: DEMO.password, email_confirm: true })).error).toBeNull()
    const person = await signIn(world.stack, email)
    const accepted = await person.rpc('accept_invitation', { _token: link.split('/invite/')[1] })
    expect(accepted.error).toBeNull()
    expect(accepted.data).toBe(DEMO.acme)
    const { data: { user } } = await person.auth.getUser()
    const { data: me } = await person.from('organization_members').select('role').eq('organization_id', DEMO.acme).eq('user_id', user!.id)
    expect(me).toEqual([{ role: 'operator' }])
  })

  it('keeps the raw token only until the email is sent', async () => {
    const { invitation_id, token } = await invite(address())
    const [before] = await invitationDeliveries(invitation_id)
    expect(before.payload.token).toBe(token)
    await notifyEvent(world.stack)
    const [after] = await invitationDeliveries(invitation_id)
    expect(after.status).toBe('delivered')
    expect(after.payload).not.toHaveProperty('token')
    expect(JSON.stringify(after)).not.toContain(token)
    expect(after.payload).toMatchObject({ organization: 'Acme', invited_by: 'Ada Admin', role: 'operator' })
  })

  it('shows the delivery to the organization\'s admins only, live through the publication', async () => {
    const { invitation_id } = await invite(address())
    const key = `invitation:${invitation_id}`
    const read = async (who: string) => (await (await signIn(world.stack, who)).from('notification_deliveries').select('id, to_email').eq('event_key', key)).data
    expect(await read('admin@opzenix.dev')).toHaveLength(1)
    expect(await read('operator@opzenix.dev')).toEqual([])
    expect(await read('viewer@opzenix.dev')).toEqual([])
    expect(await read('globex@opzenix.dev')).toEqual([])
    const [{ n }] = await sql(world.stack, `select count(*)::int as n from pg_publication_tables where pubname = 'supabase_realtime' and tablename = 'notification_deliveries'`)
    expect(n).toBe(1)
    await notifyEvent(world.stack)
  })

  it('sends nothing for an invitation revoked before the email went out, and the replacement only once', async () => {
    const email = address()
    const first = await invite(email)
    expect((await admin.from('organization_invitations').delete().eq('id', first.invitation_id).select('id')).data).toHaveLength(1)
    const [revoked] = await invitationDeliveries(first.invitation_id)
    expect(revoked).toMatchObject({ status: 'cancelled', last_error: 'cancelled: the invitation was revoked or replaced before it was emailed' })
    expect(revoked.payload).not.toHaveProperty('token')

    const again = await invite(email)
    const replacement = await invite(email, 'viewer')
    expect((await invitationDeliveries(again.invitation_id))[0].status).toBe('cancelled')
    await notifyEvent(world.stack)
    const mails = emailsTo(email)
    expect(mails).toHaveLength(1)
    expect(mails[0].text).toContain(`/invite/${replacement.token}`)
    expect(mails[0].text).toContain('as a viewer')
  })
})

describe('an invitation that expired before its email went out', () => {
  it('is not sent: the delivery fails with the reason and drops the token', async () => {
    await addChannel(world.stack, { kind: 'email', name: 'Late mail' })
    const email = address()
    const { invitation_id } = await invite(email)
    await sql(world.stack, `update public.notification_deliveries set payload = jsonb_set(payload, '{expires_at}', to_jsonb(now() - interval '1 minute'))
      where event_key = $1`, [`invitation:${invitation_id}`])
    await notifyEvent(world.stack)
    const [row] = await invitationDeliveries(invitation_id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'the invitation expired before it could be emailed' })
    expect(row.payload).not.toHaveProperty('token')
    expect(emailsTo(email)).toEqual([])
    await disableChannels(world.stack)
  })
})

describe('an invitation without an email channel', () => {
  it('creates no delivery and sends nothing', async () => {
    await disableChannels(world.stack)
    const email = address()
    const { invitation_id } = await invite(email)
    expect(await invitationDeliveries(invitation_id)).toEqual([])
    expect((await notifyEvent(world.stack)).body.deliveries).toEqual([])
    expect(emailsTo(email)).toEqual([])
  })
})

describe('a failing mail API', () => {
  it('is retried, then the delivery fails with the error recorded and the token removed', async () => {
    const email = address()
    world.server.route({ method: 'POST', path: '/emails', reply: (req) => (req.body.includes(email) ? { status: 503, body: 'mail service unavailable' } : { status: 200, json: { id: 'ok' } }) })
    await addChannel(world.stack, { kind: 'email', name: 'Flaky mail' })
    const { invitation_id } = await invite(email)
    await sendUntilSettled(`invitation:${invitation_id}`)
    const [row] = await invitationDeliveries(invitation_id)
    // NOTIFY_MAX_ATTEMPTS = 3 in the notification tests' stack.
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_status: 503, delivered_at: null })
    expect(row.last_error).toMatch(/answered 503: mail service unavailable/)
    expect(row.payload).not.toHaveProperty('token')
    expect(world.server.received('/emails', 'POST').filter((r) => r.body.includes(email))).toHaveLength(3)
    world.server.reset()
    await disableChannels(world.stack)
  })
})

describe('channels under RLS', () => {
  const row = { organization_id: DEMO.acme, kind: 'webhook', name: 'Ops hook', url: 'https://hooks.example.test/ops', secret_ref: 'OPS_HOOK_KEY', event_types: ['run_failed'] }

  it('admins add, edit, disable and delete their organization\'s channels', async () => {
    const { data: added, error } = await admin.from('notification_channels').insert(row).select('id, enabled, event_types').single()
    expect(error).toBeNull()
    expect(added).toMatchObject({ enabled: true, event_types: ['run_failed'] })
    const { data: edited } = await admin.from('notification_channels')
      .update({ name: 'Ops hook (prod)', enabled: false, event_types: ['run_failed', 'approval_requested'] }).eq('id', added!.id).select('name, enabled, event_types')
    expect(edited).toEqual([{ name: 'Ops hook (prod)', enabled: false, event_types: ['run_failed', 'approval_requested'] }])
    // The database refuses a webhook without its signing key.
    const bad = await admin.from('notification_channels').update({ secret_ref: null }).eq('id', added!.id).select('id')
    expect(bad.error?.code).toBe('23514')
    expect((await admin.from('notification_channels').delete().eq('id', added!.id).select('id')).data).toHaveLength(1)
  })

  it('refuses operators, viewers and another organization\'s admin', async () => {
    const id = await addChannel(world.stack, { kind: 'email', name: 'Guarded mail', enabled: false })
    for (const who of ['operator@opzenix.dev', 'viewer@opzenix.dev', 'globex@opzenix.dev']) {
      const client = await signIn(world.stack, who)
      expect((await client.from('notification_channels').select('id').eq('id', id)).data, who).toEqual([])
      expect((await client.from('notification_channels').insert(row)).error?.code, who).toBe('42501')
      expect((await client.from('notification_channels').update({ enabled: true }).eq('id', id).select('id')).data, who).toEqual([])
      expect((await client.from('notification_channels').delete().eq('id', id).select('id')).data, who).toEqual([])
      expect((await client.rpc('send_test_notification', { _channel_id: id })).error?.code, who).toBe('PT403')
    }
    const [{ enabled, n }] = await sql(world.stack, 'select enabled, (select count(*)::int from public.notification_deliveries where channel_id = $1) as n from public.notification_channels where id = $1', [id])
    expect({ enabled, n }).toEqual({ enabled: false, n: 0 })
  })

  it('sends an admin\'s test message for real: an email to the admin through the mail API', async () => {
    const id = await addChannel(world.stack, { kind: 'email', name: 'Test me', enabled: false })
    const { data: deliveryId, error } = await admin.rpc('send_test_notification', { _channel_id: id })
    expect(error).toBeNull()
    await notifyEvent(world.stack)
    const [row] = await sql(world.stack, 'select status, user_id, event_type from public.notification_deliveries where id = $1', [deliveryId])
    expect(row).toEqual({ status: 'delivered', user_id: DEMO.users.admin, event_type: 'test' })
    const [mail] = emailsTo('admin@opzenix.dev').filter((m) => m.subject === '[Opzenix] Test message for “Test me”')
    expect(mail.text).toContain('Ada Admin sent this test from Opzenix.')
  })
})
