import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, sql, type Client } from '../../test/data-model/demo.ts'
import { call, savePipeline, simulated, storedPipeline } from '../../test/engine/helpers.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 11, notifications: the admin has the app open when the operator starts a release through the API;
// when the run reaches its staging gate the admin's bell counts one more unread notification without a
// reload (the database routed it to the people who may approve, Realtime carried it). The admin opens it from
// the bell (it is marked read and leads to the run), then finds it on /notifications, marks it unread and
// read again, and mutes run failures in the settings.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 90_000
const RUN_NAME = `Notify journey ${process.pid}`

let stack: TestStack
let app: RunningApp
let browser: Browser
let admin: Page
let operator: Client
let executionId = ''
let before = 0

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ })
/** The count the bell shows (0 when it shows none). */
async function shownCount(page: Page): Promise<number> {
  const badge = page.getByTestId('unread-count')
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent())
}
const unreadInDb = async () => (await sql(stack, 'select count(*)::int as n from public.notification_events where user_id = $1 and read_at is null', [DEMO.users.admin]))[0].n as number
const gateNotification = async () => (await sql(stack, `select id, read_at from public.notification_events
  where user_id = $1 and type = 'approval_requested' and payload ->> 'execution_id' = $2`, [DEMO.users.admin, executionId]))[0]

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '300'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operator = await signIn(stack, 'operator@opzenix.dev')
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('notifications in Chromium', () => {
  skipAfterFirstFailure()

  it('the bell counts the admin\'s unread notifications', async () => {
    admin = await signInPage(browser, app.url, 'admin@opzenix.dev')
    before = await unreadInDb()
    await expect.poll(() => shownCount(admin), LONG).toBe(Math.min(before, 99))
    await markPage(admin)
  }, STEP)

  it('gains one, live, when an operator\'s run reaches a gate the admin may approve', async () => {
    const graph = storedPipeline([
      ['src', 'source', { repository: 'acme/payments-api' }],
      ['build', 'build', simulated(400)],
      ['gate', 'approval', { environment: 'staging' }],
      ['deploy', 'deploy', { environment: 'staging', strategy: 'canary' }],
    ])
    const started = await call(stack, 'pipeline-execute', { flow_template_id: await savePipeline(operator, graph), name: RUN_NAME }, operator)
    expect(started.status).toBe(201)
    executionId = started.body.execution_id
    await expect.poll(() => shownCount(admin), LONG).toBe(Math.min(before + 1, 99))
    expect(await bell(admin).getAttribute('aria-label')).toBe(`Notifications, ${before + 1} unread`)
    expect(await stillSamePage(admin)).toBe(true)
    expect(await gateNotification()).toMatchObject({ read_at: null })
    // The operator started it, so the operator is not asked to approve it.
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.notification_events where user_id = $1 and payload ->> 'execution_id' = $2`, [DEMO.users.operator, executionId])
    expect(n).toBe(0)
  }, STEP)

  it('opens it from the bell: marked read, and the run\'s page shows', async () => {
    await bell(admin).click()
    const panel = admin.getByRole('dialog', { name: 'Notifications' })
    const item = panel.getByTestId('notification').filter({ hasText: `Approval needed: ${RUN_NAME}` })
    await item.waitFor(LONG)
    expect(await item.getAttribute('data-unread')).toBe('true')
    // The viewport only: a full-page capture can re-lay the page out and close the open panel.
    await admin.screenshot({ path: path.join(ARTIFACTS, 'notifications-bell.png') })
    await item.click()
    await admin.waitForURL(`**/executions/${executionId}`, LONG)
    await expect.poll(async () => (await gateNotification()).read_at !== null, LONG).toBe(true)
    await expect.poll(() => shownCount(admin), LONG).toBe(Math.min(before, 99))
    expect(await stillSamePage(admin)).toBe(true)
  }, STEP)

  it('lists it on /notifications, where it can be marked unread and read again', async () => {
    await bell(admin).click()
    await admin.getByRole('link', { name: 'See all notifications' }).click()
    await admin.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    const row = admin.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: `Approval needed: ${RUN_NAME}` })
    await row.waitFor(LONG)
    await row.getByRole('button', { name: 'Mark unread' }).click()
    await expect.poll(async () => (await gateNotification()).read_at, LONG).toBeNull()
    await expect.poll(() => shownCount(admin), LONG).toBe(Math.min(before + 1, 99))
    await row.getByRole('button', { name: 'Mark read' }).click()
    await expect.poll(async () => (await gateNotification()).read_at !== null, LONG).toBe(true)
    await admin.getByRole('tab', { name: 'Unread' }).click()
    await expect.poll(() => row.count(), LONG).toBe(0)
    await shot(admin, 'notifications-page.png')
  }, STEP)

  it('mutes run failures in the settings, stored for the admin alone', async () => {
    const runFailed = admin.getByRole('checkbox', { name: /Run failed/ })
    await runFailed.waitFor()
    expect(await runFailed.isChecked()).toBe(true)
    // A click, not uncheck(): the box follows the saved setting, which may take a round trip under load.
    await runFailed.click()
    await expect.poll(() => runFailed.isChecked(), LONG).toBe(false)
    await expect.poll(async () => (await sql(stack, 'select muted_types from public.notification_preferences where user_id = $1', [DEMO.users.admin]))[0]?.muted_types, LONG)
      .toEqual(['run_failed'])
    expect(await admin.getByRole('checkbox', { name: /Approval needed/ }).isChecked()).toBe(true)
  }, STEP)
})
