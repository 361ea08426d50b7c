import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveBuiltApp } from '../../stack/app-static.ts'
import type { RunningApp } from '../../stack/app.ts'
import { freePort } from '../../stack/net.ts'
import { DEMO, sql } from '../../test/data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../../test/github/project.ts'
import { startRecordingServer, type RecordingServer } from '../../test/helpers/recording-server.ts'
import { buildAppOnce } from '../lib/build.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, nav, signInPage, stillSamePage } from '../lib/session.ts'

// Issues 11 and 12: the admin adds an email channel on the Organization page and invites a new address; the
// scheduler's notify-event emails the invitation through a recording server that plays the mail API; a second
// browser signs up as that address, opens the link taken from the recorded email and joins as an operator,
// while the admin's page, never reloaded, shows the invitation "delivered" and then the new member.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 45_000 }
const STEP = 120_000
const PASSWORD = 'correct-horse-battery'
const INVITEE = `invitee-${process.pid}-${Date.now().toString(36)}@example.test`
const CHANNEL = 'Team mail'
const UNSENT = `unsent-${process.pid}-${Date.now().toString(36)}@example.test`

let server: RecordingServer
let stack: ProjectStack
let app: RunningApp
let adminBrowser: Browser
let inviteeBrowser: Browser
let admin: Page
let linkShown = ''
let linkEmailed = ''

const emailsTo = (address: string) =>
  server.received('/emails', 'POST').map((r) => JSON.parse(r.body)).filter((m) => m.to?.[0] === address)
const invitationRow = () => admin.getByTestId('invitation-row').filter({ hasText: INVITEE })
const channelCard = () => admin.locator(`[data-testid="channel"][data-name="${CHANNEL}"]`)

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '300'
  process.env.OPZENIX_NOTIFY_MS = '300' // the scheduler sends due deliveries, as under npm start
  server = await startRecordingServer([{ method: 'POST', path: '/emails', reply: { status: 200, json: { id: 'email-1' } } }])
  // The accept link is built from OPZENIX_APP_URL, so the app's port is chosen before the functions start.
  const appPort = await freePort()
  stack = await startProjectWithEnv({
    MAIL_API_URL: server.url, MAIL_API_KEY: 're_e2e_key', MAIL_FROM: 'Opzenix <ops@example.test>', OPZENIX_APP_URL: `http://127.0.0.1:${appPort}`,
  })
  app = await serveBuiltApp(stack, appPort, await buildAppOnce())
  ;[adminBrowser, inviteeBrowser] = await Promise.all([openBrowser(), openBrowser()])
  await mkdir(ARTIFACTS, { recursive: true })
}, 180_000)

afterAll(async () => {
  await adminBrowser?.close()
  await inviteeBrowser?.close()
  await app?.stop()
  await stack?.stop()
  await server?.stop()
})

describe('notification channels and emailed invitations in Chromium', () => {
  skipAfterFirstFailure()

  it('with no channel, an invitation is not emailed and the list says to copy the link', async () => {
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    await nav(admin, 'Organization')
    await admin.getByRole('heading', { name: 'Notification channels', exact: true }).waitFor(LONG)
    await markPage(admin)
    await admin.getByText('No channels yet').waitFor(LONG)
    await admin.getByLabel('Email', { exact: true }).fill(UNSENT)
    await admin.getByRole('button', { name: 'Invite', exact: true }).click()
    const status = admin.getByTestId('invitation-row').filter({ hasText: UNSENT }).getByTestId('invitation-email')
    await status.waitFor(LONG)
    expect(await status.textContent()).toBe('Not emailed: no email channel — copy the link.')
    const [{ n }] = await sql(stack, 'select count(*)::int as n from public.notification_deliveries where to_email = $1', [UNSENT])
    expect(n).toBe(0)
  }, STEP)

  it('the admin adds an email channel for invitations from the keyboard', async () => {
    await admin.getByRole('button', { name: 'Add channel', exact: true }).click()
    const dialog = admin.getByRole('dialog', { name: 'Add a notification channel' })
    await dialog.waitFor()
    // An empty name is refused in a sentence before anything is sent.
    await dialog.getByRole('button', { name: 'Add channel', exact: true }).click()
    await dialog.getByText('Give the channel a name').waitFor()
    await dialog.getByRole('checkbox', { name: /^Invitation/ }).check()
    await dialog.getByLabel('Channel name', { exact: true }).fill(CHANNEL)
    await dialog.getByLabel('Channel name', { exact: true }).press('Enter')
    await channelCard().waitFor(LONG)
    await dialog.waitFor({ state: 'detached', ...LONG })
    expect(await channelCard().getByText('Invitation', { exact: false }).count()).toBeGreaterThan(0)
    const rows = await sql(stack, `select kind, event_types, enabled from public.notification_channels where organization_id = $1 and name = $2`, [DEMO.acme, CHANNEL])
    expect(rows).toEqual([{ kind: 'email', event_types: ['invitation'], enabled: true }])
  }, STEP)

  it('invites a new address: the link is shown once and the recording mail server receives the email', async () => {
    await admin.getByLabel('Email', { exact: true }).fill(INVITEE)
    await admin.getByLabel('Role', { exact: true }).selectOption('operator')
    await admin.getByRole('button', { name: 'Invite', exact: true }).click()
    linkShown = (await admin.getByTestId('invitation-link').textContent(LONG))!
    expect(linkShown).toMatch(new RegExp(`^${app.url}/invite/[0-9a-f]{64}$`))

    await expect.poll(() => emailsTo(INVITEE).length, LONG).toBe(1)
    const [mail] = emailsTo(INVITEE)
    expect(mail.subject).toBe('[Opzenix] Ada Admin invited you to Acme')
    expect(mail.text).toContain('Ada Admin invited you to join Acme on Opzenix as an operator.')
    linkEmailed = /Accept the invitation: (\S+)/.exec(mail.text)![1]
    expect(linkEmailed).toBe(linkShown)
  }, STEP)

  it('shows the invitation as delivered through the channel, live, without a reload', async () => {
    const status = invitationRow().getByTestId('invitation-email')
    await expect.poll(() => status.getAttribute('data-status'), LONG).toBe('delivered')
    expect(await status.textContent()).toMatch(new RegExp(`Emailed .+ through ${CHANNEL}\\.`))
    // The alert that shows the link says so too.
    await expect.poll(() => admin.getByTestId('invitation-created').getByTestId('invitation-email').getAttribute('data-status'), LONG).toBe('delivered')
    await channelCard().getByTestId('channel-delivery').first().waitFor(LONG)
    expect(await channelCard().getByTestId('channel-delivery').first().getAttribute('data-status')).toBe('delivered')
    expect(await stillSamePage(admin)).toBe(true)
    // The token is not kept once the email went out.
    const [delivery] = await sql(stack, `select status, payload from public.notification_deliveries where to_email = $1`, [INVITEE])
    expect(delivery.status).toBe('delivered')
    expect(JSON.stringify(delivery.payload)).not.toContain(linkEmailed.split('/invite/')[1])
    await admin.screenshot({ path: path.join(ARTIFACTS, 'notification-channels-invitation-delivered.png'), fullPage: true })
  }, STEP)

  it('the invited person signs up, opens the emailed link, accepts and joins as an operator', async () => {
    const invitee = await inviteeBrowser.context.newPage()
    invitee.setDefaultTimeout(45_000)
    await invitee.goto(linkEmailed)
    await invitee.getByRole('heading', { name: 'Sign in' }).waitFor()
    await invitee.getByRole('button', { name: 'New here? Create an account' }).click()
    await invitee.getByLabel('Email').fill(INVITEE)
    await invitee.getByLabel('Password').fill(PASSWORD)
    await invitee.getByLabel('Password').press('Enter')
    await invitee.getByTestId('user-email').filter({ hasText: INVITEE }).waitFor(LONG)
    expect(await invitee.getByTestId('invitation-organization').textContent(LONG)).toBe('Acme')
    expect(await invitee.getByTestId('invitation-role').textContent()).toBe('Operator')
    await invitee.getByRole('button', { name: 'Accept and join Acme' }).click()
    await invitee.getByRole('heading', { name: 'Acme', exact: true }).waitFor(LONG)
    expect(await invitee.getByTestId('organization-role').textContent()).toBe('Operator')
    // An operator sees no channel and is told why.
    await invitee.getByTestId('channels-admins-only').waitFor()
    expect(await invitee.getByRole('button', { name: 'Add channel', exact: true }).count()).toBe(0)
    const [member] = await sql(stack, `select m.role from public.organization_members m join auth.users u on u.id = m.user_id
      where m.organization_id = $1 and u.email = $2`, [DEMO.acme, INVITEE])
    expect(member).toEqual({ role: 'operator' })

    // The admin's page, open all along, lists them and drops the pending invitation.
    await admin.getByTestId('member-row').filter({ hasText: INVITEE }).waitFor(LONG)
    await invitationRow().waitFor({ state: 'detached', ...LONG })
    expect(await stillSamePage(admin)).toBe(true)
  }, STEP)

  it('sends a real test message: an email to the admin, delivered on the open page', async () => {
    await admin.getByRole('button', { name: `Send a test message to ${CHANNEL}`, exact: true }).click()
    await expect.poll(() => emailsTo('admin@opzenix.dev').filter((m) => m.subject === `[Opzenix] Test message for “${CHANNEL}”`).length, LONG).toBe(1)
    const test = channelCard().getByTestId('channel-delivery').filter({ hasText: `Test message for “${CHANNEL}”` })
    await expect.poll(() => test.getAttribute('data-status'), LONG).toBe('delivered')
    expect(await test.getByTestId('delivery-outcome').textContent()).toMatch(/^Delivered /)
    expect(await stillSamePage(admin)).toBe(true)
  }, STEP)
})
