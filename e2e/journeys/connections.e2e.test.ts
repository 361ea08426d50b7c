import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { startRecordingServer, type RecordingServer } from '../../test/helpers/recording-server.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { enabledControls } from '../lib/controls.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// The Connections page: an admin adds an OTel collector (a local recording server), presses Check now and sees
// the result, the status and the chart's first point; a name already taken is refused in a sentence. A viewer
// sees the list, the status and the history, and no control that would change or check anything; a check
// made meanwhile (as the scheduler makes them) reaches the viewer's open panel live.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 60_000
const NAME = 'Local collector'
/** What a viewer must not be offered on this page. */
const CHANGES = /^(add connection|check now|check .+ now|edit( .+)?|delete( .+)?|save changes)$/i
const env = { OPZENIX_HEALTH_CHECK_MS: process.env.OPZENIX_HEALTH_CHECK_MS, OPZENIX_TICK_MS: process.env.OPZENIX_TICK_MS }

let collector: RecordingServer
let stack: TestStack
let app: RunningApp
let admin: Browser
let viewer: Browser
let page: Page

const openConnections = async (p: Page) => {
  await nav(p, 'Connections')
  await p.getByRole('heading', { name: 'Connections', exact: true }).waitFor()
}
const row = (p: Page) => p.getByTestId('connection-row').and(p.locator(`[data-connection="${NAME}"]`))

beforeAll(async () => {
  // Only this file's Check now presses write health events (no scheduled checks, no engine ticks).
  process.env.OPZENIX_HEALTH_CHECK_MS = '0'
  process.env.OPZENIX_TICK_MS = '0'
  collector = await startRecordingServer([{ method: 'POST', path: '/v1/traces', reply: { status: 200, json: {} } }])
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[admin, viewer] = await Promise.all([openBrowser(), openBrowser()])
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await admin?.close()
  await viewer?.close()
  await app?.stop()
  await stack?.stop()
  await collector?.stop()
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

describe('connections in Chromium', () => {
  skipAfterFirstFailure()

  it('an admin adds an OTel collector; its panel opens with no history yet', async () => {
    page = await signInPage(admin, app.url, 'admin@opzenix.dev')
    await openConnections(page)
    await page.getByTestId('connection-row').first().waitFor()
    await page.getByRole('button', { name: 'Add connection' }).click()
    const form = page.getByRole('dialog', { name: 'Add a connection' })
    await form.getByLabel('Type', { exact: true }).selectOption('otel')
    await form.getByLabel('Name').fill(NAME)
    await form.getByRole('button', { name: 'Add connection' }).click()
    await form.getByText('An http:// or https:// URL').or(form.getByText('Required')).waitFor()
    await form.getByLabel('OTLP/HTTP endpoint').fill(collector.url)
    await form.getByRole('button', { name: 'Add connection' }).click()
    const panel = page.getByRole('dialog', { name: NAME })
    await panel.getByText('No checks yet').waitFor()
    expect(await panel.getByTestId('detail-status').textContent()).toBe('Unknown')
    expect(page.url()).toMatch(/[?&]id=[0-9a-f-]{36}/)
  }, STEP)

  it('Check now shows the result, the status and the chart\'s first point', async () => {
    const panel = page.getByRole('dialog', { name: NAME })
    await panel.getByRole('button', { name: `Check ${NAME} now` }).click()
    await expect.poll(() => panel.getByTestId('check-result').textContent(), LONG).toMatch(/^Healthy in \d+ ms: The OTLP collector accepted an empty export \(HTTP 200\)$/)
    expect(collector.received('/v1/traces', 'POST')).toHaveLength(1)
    await expect.poll(() => panel.getByTestId('detail-status').textContent(), LONG).toBe('Healthy')
    const chart = panel.getByTestId('health-chart')
    await expect.poll(() => chart.getAttribute('data-points'), LONG).toBe('1')
    await chart.locator('circle[data-status="healthy"]').waitFor()
    await panel.getByTestId('health-event').first().waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'connections-check-now.png') })
    await page.keyboard.press('Escape')
    await expect.poll(() => row(page).getByTestId('connection-status').textContent(), LONG).toBe('Healthy')
    expect(await row(page).getByTestId('connection-response-time').textContent()).toMatch(/^\d+ ms$/)
  }, STEP)

  it('a second connection with the same name is refused in a sentence', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click()
    const form = page.getByRole('dialog', { name: 'Add a connection' })
    await form.getByLabel('Name').fill(NAME)
    await form.getByLabel('OTLP/HTTP endpoint').fill(collector.url)
    await form.getByRole('button', { name: 'Add connection' }).click()
    await form.getByRole('alert').filter({ hasText: `A connection named “${NAME}” already exists in this organization` }).waitFor()
    await form.getByRole('button', { name: 'Cancel' }).click()
    expect(await row(page).count()).toBe(1)
  }, STEP)

  it('a viewer sees the connection, its status and history, and nothing to change or check', async () => {
    const p = await signInPage(viewer, app.url, 'viewer@opzenix.dev')
    await openConnections(p)
    await expect.poll(() => row(p).getByTestId('connection-status').textContent(), LONG).toBe('Healthy')
    expect(await enabledControls(p, CHANGES)).toEqual([])
    await row(p).getByRole('button', { name: NAME, exact: true }).click()
    const panel = p.getByRole('dialog', { name: NAME })
    await panel.getByTestId('health-chart').locator('circle[data-status="healthy"]').waitFor()
    expect(await enabledControls(p, CHANGES)).toEqual([])
    // A check the viewer did not make (as the scheduler makes them, with the service role) arrives live.
    const id = new URL(p.url()).searchParams.get('id')
    const { error } = await stack.service().functions.invoke('connection-health-check', { body: { connection_id: id } })
    expect(error).toBeNull()
    await expect.poll(() => panel.getByTestId('health-chart').getAttribute('data-points'), LONG).toBe('2')
    await expect.poll(() => panel.getByTestId('health-event').count(), LONG).toBe(2)
    await p.screenshot({ path: path.join(ARTIFACTS, 'connections-viewer.png') })
  }, STEP)
})
