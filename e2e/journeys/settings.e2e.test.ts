import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { deliver, example } from '../../test/github/webhook-client.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { enabledControls } from '../lib/controls.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// docs/github.md steps 1, 2 and 4 from the Settings page: an admin connects a repository, takes its webhook
// secret (shown once), GitHub's ping (signed with that secret, sent to the payload URL the page shows) appears
// live, and a new branch mapping wins in "Test a branch". A viewer sees the webhook URL and nothing to change.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 60_000
const REPO = 'acme/storefront'
/** What a viewer must not be offered on this page. */
const CHANGES = /(secret|connect repository|add mapping|save token|replace token|deactivate|disconnect .+|^edit .+|^delete .+|^move .+)/i

let stack: TestStack
let app: RunningApp
let admin: Browser
let viewer: Browser
let page: Page
let card: Locator
let payloadUrl = ''
let secret = ''

const openSettings = async (p: Page) => {
  await nav(p, 'Settings')
  await p.getByRole('heading', { name: 'Settings', exact: true }).waitFor()
}

beforeAll(async () => {
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
})

describe('GitHub settings in Chromium', () => {
  skipAfterFirstFailure()

  it('an admin connects a repository and sees its webhook secret once', async () => {
    page = await signInPage(admin, app.url, 'admin@opzenix.dev')
    await openSettings(page)
    await page.getByRole('button', { name: 'Connect repository' }).click()
    await page.getByLabel('Repository owner').fill('acme')
    await page.getByLabel('Repository name').fill('storefront')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    card = page.getByRole('region', { name: REPO })
    expect(await card.getByTestId('secret-state').textContent(LONG)).toBe('Not set yet')
    await card.getByRole('button', { name: 'Generate secret' }).click()
    secret = (await card.getByTestId('webhook-secret').textContent(LONG))!
    payloadUrl = (await card.getByTestId('payload-url').textContent())!
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    expect(payloadUrl).toMatch(/\/functions\/v1\/github-webhook\/[0-9a-f-]{36}$/)
    await card.getByText('Shown once: paste it into GitHub now.').waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-secret.png'), fullPage: true })
    // Shown once: after a reload the page knows a secret is set, and can only regenerate it.
    await page.reload()
    await card.getByRole('button', { name: 'Regenerate secret' }).waitFor(LONG)
    expect(await card.getByTestId('secret-state').textContent()).toBe('Set')
    expect(await card.getByTestId('webhook-secret').count()).toBe(0)
  }, STEP)

  it("GitHub's ping, signed with that secret, appears in the deliveries without a reload", async () => {
    await card.getByText('No deliveries yet').waitFor()
    const sent = await deliver(payloadUrl, 'ping', example('ping'), { secret })
    expect(sent.status).toBe(202)
    const row = card.locator(`[data-testid="delivery-row"][data-delivery-id="${sent.deliveryId}"]`)
    await row.waitFor(LONG)
    expect(await row.getByRole('cell').first().textContent()).toBe('ping')
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status'), LONG).toBe('processed')
  }, STEP)

  it('an admin adds a branch mapping, and Test a branch picks it', async () => {
    await page.getByRole('button', { name: 'Add mapping' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Branch pattern').fill('storefront/[x]')
    await dialog.getByText('Git branch names cannot contain [').waitFor()
    await dialog.getByLabel('Branch pattern').fill('storefront/*')
    await dialog.getByLabel('Environment').selectOption({ label: 'Staging' })
    await dialog.getByLabel('Pipeline').selectOption({ index: 1 })
    await dialog.getByLabel('Position').fill('0')
    await dialog.getByRole('button', { name: 'Save mapping' }).click()
    await dialog.waitFor({ state: 'detached' })
    const row = page.getByRole('table', { name: 'Branch mappings' }).getByRole('row').filter({ hasText: 'storefront/*' })
    await row.waitFor()
    await page.getByLabel('Test a branch').fill('storefront/checkout')
    const verdict = page.getByTestId('branch-verdict')
    expect(await verdict.getAttribute('data-mapping-id')).toBe(await row.getAttribute('data-mapping-id'))
    expect(await verdict.textContent()).toContain('→ Staging. A push starts')
    await page.getByLabel('Test a branch').fill('storefront/a/b')
    expect(await verdict.textContent()).toContain('No mapping matches')
    await page.getByLabel('Test a branch').fill('storefront/checkout')
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-mappings.png'), fullPage: true })
  }, STEP)

  it('a viewer sees the payload URL and mappings, but no secret button and nothing to edit', async () => {
    const seen = await signInPage(viewer, app.url, 'viewer@opzenix.dev')
    await openSettings(seen)
    const viewerCard = seen.getByRole('region', { name: REPO })
    expect(await viewerCard.getByTestId('payload-url').textContent(LONG)).toBe(payloadUrl)
    expect(await viewerCard.getByTestId('secret-state').textContent()).toBe('Set')
    await seen.getByRole('table', { name: 'Branch mappings' }).getByRole('row').filter({ hasText: 'storefront/*' }).waitFor()
    await seen.getByRole('table', { name: 'Recent deliveries' }).first().waitFor()
    expect(await enabledControls(seen, CHANGES, /^$/)).toEqual([])
    await seen.screenshot({ path: path.join(ARTIFACTS, 'settings-viewer.png'), fullPage: true })
  }, STEP)
})
