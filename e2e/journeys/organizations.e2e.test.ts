import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { enabledControls } from '../lib/controls.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, nav, stillSamePage } from '../lib/session.ts'

// Issue 12 from two new accounts: a founder signs up, creates an organization and its first project, and
// invites a colleague by email; the colleague signs up from the invitation link and joins as an operator. The
// founder demotes them to viewer and then removes them, and the colleague's open page follows both without a
// reload. Two browsers, so two separate sessions.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 90_000
const PASSWORD = 'correct-horse-battery'
const run = `${process.pid}-${Date.now().toString(36)}`
const FOUNDER = `founder-${run}@opzenix.dev`
const COLLEAGUE = `colleague-${run}@opzenix.dev`
const ORG = `Initech ${run}`
const SLUG = `initech-${run}`
const PROJECT = 'tps-reports'

let stack: TestStack
let app: RunningApp
let founderBrowser: Browser
let colleagueBrowser: Browser
let founder: Page
let colleague: Page
let inviteLink = ''

/** Signs up through the form on whatever page `page` shows the sign-in form. */
async function signUp(page: Page, email: string) {
  await page.getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByLabel('Password').press('Enter')
  await page.getByTestId('user-email').filter({ hasText: email }).waitFor(LONG)
}

const memberRow = (page: Page, email: string) => page.getByTestId('member-row').filter({ hasText: email })

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[founderBrowser, colleagueBrowser] = await Promise.all([openBrowser(), openBrowser()])
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await founderBrowser?.close()
  await colleagueBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('organizations, members and invitations in Chromium', () => {
  skipAfterFirstFailure()

  it('a new user creates an organization (a taken slug is refused in a sentence) and becomes its admin', async () => {
    founder = await founderBrowser.context.newPage()
    founder.setDefaultTimeout(30_000)
    await founder.goto(app.url)
    await signUp(founder, FOUNDER)
    await founder.getByText("You're in, but not in an organization yet").waitFor()
    await founder.getByLabel('Organization name').fill(ORG)
    expect(await founder.getByLabel('Slug').inputValue()).toBe(SLUG)
    // The seed's Acme holds "acme": the database refuses it and the form says which slug is taken.
    await founder.getByLabel('Slug').fill('acme')
    await founder.getByRole('button', { name: 'Create organization' }).click()
    expect(await founder.getByRole('alert').textContent(LONG)).toBe('The slug “acme” is taken by another organization; pick another.')
    await founder.getByLabel('Slug').fill(SLUG)
    await founder.getByRole('button', { name: 'Create organization' }).click()
    await founder.getByText(`${ORG} has no project yet`).waitFor(LONG)
    expect(await founder.getByTestId('user-role').textContent()).toBe('admin')
    const [org] = (await stack.service().from('organizations').select('name, slug, owner_id').eq('slug', SLUG)).data ?? []
    expect(org?.name).toBe(ORG)
  }, STEP)

  it('the admin creates the first project and lands on its control tower', async () => {
    await founder.getByLabel('Project name').fill(PROJECT)
    await founder.getByLabel('Description').fill('Cover sheets for every report')
    await founder.getByRole('button', { name: 'Create project' }).click()
    await founder.getByRole('heading', { name: 'Control tower' }).waitFor(LONG)
    expect(await founder.getByText(`${PROJECT} · ${ORG}`).count()).toBe(1)
    expect(await founder.getByLabel('Project').locator('option:checked').textContent()).toBe(PROJECT)
  }, STEP)

  it('the admin invites a colleague as an operator and gets the link once', async () => {
    await nav(founder, 'Organization')
    await founder.getByRole('heading', { name: ORG, exact: true }).waitFor()
    const me = memberRow(founder, FOUNDER)
    await me.getByTestId('owner-badge').waitFor()
    expect(await me.getByRole('button').count()).toBe(0)
    await founder.getByLabel('Email', { exact: true }).fill(COLLEAGUE)
    await founder.getByLabel('Role', { exact: true }).selectOption('operator')
    await founder.getByRole('button', { name: 'Invite', exact: true }).click()
    inviteLink = (await founder.getByTestId('invitation-link').textContent(LONG))!
    expect(inviteLink).toMatch(new RegExp(`^${app.url.replace(/\/$/, '')}/invite/[0-9a-f]{64}$`))
    const pending = founder.getByTestId('invitation-row').filter({ hasText: COLLEAGUE })
    await pending.waitFor()
    expect(await pending.getByText('Operator').count()).toBe(1)
    expect(await pending.getByText(/^in (7 days|\d+ hours)$/).count()).toBe(1)
    await founder.screenshot({ path: path.join(ARTIFACTS, 'organizations-invited.png'), fullPage: true })
  }, STEP)

  it('the colleague signs up from the link, sees the invitation and joins as an operator', async () => {
    colleague = await colleagueBrowser.context.newPage()
    colleague.setDefaultTimeout(30_000)
    await colleague.goto(inviteLink)
    // Signed out: the sign-in page at the invitation's address, which stays put through sign-up.
    await colleague.getByRole('heading', { name: 'Sign in' }).waitFor()
    await signUp(colleague, COLLEAGUE)
    expect(new URL(colleague.url()).pathname).toBe(new URL(inviteLink).pathname)
    expect(await colleague.getByTestId('invitation-organization').textContent(LONG)).toBe(ORG)
    expect(await colleague.getByTestId('invitation-role').textContent()).toBe('Operator')
    // Who sent it: the founder (no display name yet, so their address).
    expect(await colleague.getByTestId('invitation-inviter').textContent()).toBe(FOUNDER)
    expect(await colleague.getByTestId('invitation-status').getAttribute('data-status')).toBe('open')
    await colleague.screenshot({ path: path.join(ARTIFACTS, 'organizations-invitation.png'), fullPage: true })
    await colleague.getByRole('button', { name: `Accept and join ${ORG}` }).click()
    await colleague.getByRole('heading', { name: ORG, exact: true }).waitFor(LONG)
    expect(new URL(colleague.url()).pathname).toBe('/organization')
    expect(await colleague.getByTestId('organization-role').textContent()).toBe('Operator')
    expect(await colleague.getByTestId('user-role').textContent()).toBe('operator')
    // Read-only for an operator: no role select, no invite form, no remove button but their own "Leave".
    await memberRow(colleague, FOUNDER).waitFor()
    expect(await colleague.getByRole('combobox', { name: /^Role of / }).count()).toBe(0)
    expect(await colleague.getByRole('button', { name: 'Invite', exact: true }).count()).toBe(0)
    expect(await colleague.getByRole('button', { name: /^Remove / }).count()).toBe(0)

    // The admin's page, open all along, lists the new member and no longer the pending invitation.
    await memberRow(founder, COLLEAGUE).waitFor(LONG)
    expect(await memberRow(founder, COLLEAGUE).getAttribute('data-role')).toBe('operator')
    await founder.getByTestId('invitation-row').filter({ hasText: COLLEAGUE }).waitFor({ state: 'detached', ...LONG })
    // The link is single-use.
    const again = await colleagueBrowser.context.newPage()
    await again.goto(inviteLink)
    expect(await again.getByTestId('invitation-status').getAttribute('data-status', LONG)).toBe('accepted')
    await again.close()
  }, STEP)

  it("a demotion to viewer takes the operator's controls off the colleague's open page without a reload", async () => {
    await nav(colleague, 'Pipelines')
    await colleague.getByRole('heading', { name: 'Pipelines', exact: true }).waitFor()
    expect(await enabledControls(colleague)).toContain('link "New pipeline"')
    await markPage(colleague)

    await memberRow(founder, COLLEAGUE).getByRole('combobox', { name: /^Role of / }).selectOption('viewer')
    await founder.getByText(/is now viewer$/).first().waitFor(LONG)

    await colleague.getByTestId('user-role').filter({ hasText: 'viewer' }).waitFor(LONG)
    await expect.poll(() => enabledControls(colleague), LONG).toEqual([])
    expect(await colleague.getByRole('button', { name: 'New pipeline' }).isDisabled()).toBe(true)
    expect(await stillSamePage(colleague)).toBe(true)
    await colleague.screenshot({ path: path.join(ARTIFACTS, 'organizations-demoted.png'), fullPage: true })
  }, STEP)

  it("a removal shows on the colleague's open page at once, and the organization is gone from it", async () => {
    const row = memberRow(founder, COLLEAGUE)
    await row.getByRole('button', { name: /^Remove / }).click()
    await founder.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click()
    await row.waitFor({ state: 'detached', ...LONG })

    const notice = colleague.getByTestId('removed-notice')
    await notice.waitFor(LONG)
    expect(await notice.textContent()).toContain(`You are no longer a member of ${ORG}`)
    await colleague.getByText("You're in, but not in an organization yet").waitFor()
    expect(await colleague.getByTestId('user-role').count()).toBe(0)
    expect(await colleague.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
    expect(await stillSamePage(colleague)).toBe(true)
    await colleague.screenshot({ path: path.join(ARTIFACTS, 'organizations-removed.png'), fullPage: true })
  }, STEP)
})
