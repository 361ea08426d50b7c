import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FunctionsHttpError } from '@supabase/supabase-js'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { enabledControls } from '../lib/controls.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, nav, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 12: an operator without rollback on prod cannot roll back, in the UI and through the API. The admin
// unlocks prod (the seed locks it, and a lock alone would stop an operator's rollback), denies rollback there
// to operator@ with a reason in the Permissions section, flips it to allow and back, and removes it; the
// operator's prod page, never reloaded, follows each change live, and rolls back once the deny is gone. Last,
// a denied view takes staging off the operator's board and its page says so.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 90_000
const OPERATOR = 'Otto Operator'
const REASON = 'Rollbacks on prod go through the incident commander'
/** environment_decision's sentence for a personal deny of rollback on prod with that reason. */
const DENIED = `You don't have rollback on prod: an admin denied it to you (${REASON})`

let stack: TestStack
let app: RunningApp
let adminBrowser: Browser
let operatorBrowser: Browser
let admin: Page
let operator: Page
let operatorDb: Client
/** prod's current version, and an earlier version (another tag) it could go back to. */
let current: string
let target: { id: string; version_tag: string }

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })
const rollbackButton = (page: Page) => page.getByRole('button', { name: `Roll back to ${target.version_tag}` })
const grantRow = (page: Page): Locator => page.getByTestId('grant-row').filter({ hasText: OPERATOR })
/** The text of whatever the element's aria-describedby points at (empty when it points at nothing). */
async function description(button: Locator): Promise<string> {
  const ids = await button.getAttribute('aria-describedby')
  if (!ids) return ''
  const texts = await Promise.all(ids.split(' ').map((id) => button.page().locator(`[id="${id}"]`).textContent()))
  return texts.join(' ').trim()
}
async function prodCurrent(): Promise<string> {
  const { data, error } = await operatorDb.from('deployment_versions').select('version_tag')
    .eq('environment_id', DEMO.env.prod).eq('is_current', true).single()
  if (error) throw error
  return data.version_tag
}
async function openProd(page: Page): Promise<void> {
  await nav(page, 'Environments')
  await page.getByTestId('env-prod').getByRole('link', { name: 'Production' }).click()
  await page.getByRole('heading', { name: 'Version history' }).waitFor()
}

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[adminBrowser, operatorBrowser] = await Promise.all([openBrowser(), openBrowser()])
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  current = await prodCurrent()
  const earlier = await operatorDb.from('deployment_versions').select('id, version_tag')
    .eq('environment_id', DEMO.env.prod).eq('is_current', false).neq('version_tag', current)
    .order('created_at', { ascending: false }).limit(1).single()
  if (earlier.error) throw earlier.error
  target = earlier.data
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await adminBrowser?.close()
  await operatorBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('permissions per environment in Chromium', () => {
  skipAfterFirstFailure()

  it('with prod unlocked, the operator may roll it back: the button is offered and their access says why', async () => {
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    await openProd(admin)
    if (await admin.getByTestId('env-prod').getAttribute('data-locked') === 'true') {
      await admin.getByRole('button', { name: 'Unlock prod' }).click()
      await admin.getByRole('dialog').getByLabel('Reason').fill('Rollback drill for the permissions journey')
      await admin.getByRole('dialog').getByRole('button', { name: 'Confirm unlock' }).click()
      await expect.poll(() => admin.getByTestId('env-prod').getAttribute('data-locked'), LONG).toBe('false')
    }

    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await openProd(operator)
    await rollbackButton(operator).waitFor(LONG)
    expect(await rollbackButton(operator).isEnabled()).toBe(true)
    const access = operator.getByTestId('access-rollback')
    await expect.poll(() => access.getAttribute('data-allowed'), LONG).toBe('true')
    expect(await access.getAttribute('data-source')).toBe('role')
    expect(await access.getByTestId('access-reason').textContent()).toBe('Your role (operator) includes rollback on prod')
    // Operators do not edit grants: no table, no form.
    expect(await operator.getByRole('button', { name: 'Add grant' }).count()).toBe(0)
    await markPage(operator)
  }, STEP)

  it('the admin denies rollback on prod to the operator with a reason; the operator\'s open page disables the button with the sentence, live', async () => {
    await admin.getByTestId('environment-permissions').getByText('No grants here').waitFor(LONG)
    const form = admin.getByRole('form', { name: 'Add a grant on prod' })
    // From the keyboard: type to pick in each native select, Tab to the next field, Enter submits.
    await form.getByLabel('Member or team').focus()
    await admin.keyboard.type('Otto')
    await admin.keyboard.press('Tab')
    await admin.keyboard.type('Roll')
    await admin.keyboard.press('Tab')
    await admin.keyboard.type('Deny')
    await admin.keyboard.press('Tab')
    await admin.keyboard.type(REASON)
    expect(await form.getByLabel('Member or team').inputValue()).toBe(`user:${DEMO.users.operator}`)
    expect(await form.getByLabel('Action').inputValue()).toBe('rollback')
    expect(await form.getByLabel('Effect').inputValue()).toBe('deny')
    await admin.keyboard.press('Enter')
    const row = grantRow(admin)
    await row.waitFor(LONG)
    expect(await row.getAttribute('data-action')).toBe('rollback')
    expect(await row.getAttribute('data-effect')).toBe('deny')
    expect(await row.textContent()).toContain(REASON)
    expect(await row.textContent()).toContain('Ada Admin')
    await expect.poll(() => form.getByLabel('Reason').inputValue(), LONG).toBe('')

    await expect.poll(() => rollbackButton(operator).isDisabled(), LONG).toBe(true)
    expect(await description(rollbackButton(operator))).toBe(DENIED)
    expect(await operator.getByTestId('rollback-refusal').textContent()).toBe(DENIED)
    const access = operator.getByTestId('access-rollback')
    await expect.poll(() => access.getAttribute('data-source'), LONG).toBe('user_deny')
    expect(await access.getAttribute('data-allowed')).toBe('false')
    expect(await access.getByTestId('access-reason').textContent()).toBe(DENIED)
    // The tooltip says it too, on hover of the disabled control.
    await operator.getByTestId('refused-action').first().hover()
    await expect.poll(() => operator.getByRole('tooltip').textContent(), LONG).toBe(DENIED)
    expect(await enabledControls(operator)).not.toContain(`button "Roll back to ${target.version_tag}"`)
    // Other actions are untouched by a rollback deny.
    expect(await enabledControls(operator)).toContain('button "Run smoke test"')
    expect(await stillSamePage(operator)).toBe(true)
    await shot(admin, 'permissions-admin-denied-rollback.png')
    await shot(operator, 'permissions-operator-rollback-disabled.png')
  }, STEP)

  it('the API refuses the operator with the same sentence, and prod keeps its version', async () => {
    const rpc = await operatorDb.rpc('rollback_deployment', { _environment_id: DEMO.env.prod, _version_id: target.id, _reason: 'Trying it through the API anyway' })
    expect(rpc.error?.message).toBe(DENIED)
    expect(rpc.error?.code).toBe('42501')

    const fn = await operatorDb.functions.invoke('rollback-deployment', {
      body: { environment_id: DEMO.env.prod, version_id: target.id, reason: 'Trying it through the edge function' },
    })
    expect(fn.error).toBeInstanceOf(FunctionsHttpError)
    const response = (fn.error as FunctionsHttpError).context as Response
    expect(response.status).toBe(403)
    expect((await response.json()).error.message).toBe(DENIED)

    expect(await prodCurrent()).toBe(current)
    expect(await operator.getByTestId('env-prod-version').textContent()).toBe(current)
  }, STEP)

  it('the admin turns the deny into an allow and back; the operator\'s page follows each change', async () => {
    const effect = admin.getByLabel(`Effect of Roll back for ${OPERATOR}`)
    await effect.selectOption('allow')
    await expect.poll(() => grantRow(admin).getAttribute('data-effect'), LONG).toBe('allow')
    await expect.poll(() => rollbackButton(operator).isEnabled(), LONG).toBe(true)
    const access = operator.getByTestId('access-rollback')
    await expect.poll(() => access.getAttribute('data-source'), LONG).toBe('user_allow')
    expect(await access.getByTestId('access-reason').textContent()).toBe(`An admin granted you rollback on prod (${REASON})`)

    await effect.selectOption('deny')
    await expect.poll(() => rollbackButton(operator).isDisabled(), LONG).toBe(true)
    expect(await description(rollbackButton(operator))).toBe(DENIED)
    expect(await stillSamePage(operator)).toBe(true)
  }, STEP)

  it('the admin removes the grant; the operator\'s button comes back, and their rollback goes through', async () => {
    await admin.getByRole('button', { name: `Remove Roll back grant for ${OPERATOR}` }).click()
    await admin.getByRole('dialog').getByRole('button', { name: 'Remove grant' }).click()
    await admin.getByTestId('environment-permissions').getByText('No grants here').waitFor(LONG)

    await expect.poll(() => rollbackButton(operator).isEnabled(), LONG).toBe(true)
    expect(await description(rollbackButton(operator))).toBe('')
    expect(await operator.getByTestId('rollback-refusal').count()).toBe(0)
    await expect.poll(() => operator.getByTestId('access-rollback').getAttribute('data-source'), LONG).toBe('role')
    expect(await stillSamePage(operator)).toBe(true)

    await rollbackButton(operator).click()
    await operator.getByRole('dialog').getByLabel('Reason').fill('Drill: back to the previous release')
    await operator.getByRole('dialog').getByRole('button', { name: 'Confirm rollback' }).click()
    await expect.poll(() => operator.getByTestId('env-prod-version').textContent(), LONG).toBe(target.version_tag)
    await expect.poll(() => admin.getByTestId('env-prod-version').textContent(), LONG).toBe(target.version_tag)
    expect(await prodCurrent()).toBe(target.version_tag)
    await shot(operator, 'permissions-operator-rolled-back.png')
  }, STEP)

  it('a denied view takes staging off the operator\'s board live, and its page says there is nothing they can see', async () => {
    await nav(operator, 'Environments')
    await operator.getByTestId('env-staging').waitFor(LONG)
    await nav(admin, 'Environments')
    await admin.getByTestId('env-staging').getByRole('link', { name: 'Staging' }).click()
    const form = admin.getByRole('form', { name: 'Add a grant on staging' })
    await form.getByLabel('Member or team').selectOption({ label: `${OPERATOR} (operator)` })
    await form.getByLabel('Action').selectOption('view')
    await form.getByLabel('Effect').selectOption('deny')
    await form.getByRole('button', { name: 'Add grant' }).click()
    await grantRow(admin).waitFor(LONG)
    // Admins always see their organization's environments, so the admin's page stays.
    expect(await admin.getByTestId('access-view').getAttribute('data-allowed')).toBe('true')

    await expect.poll(() => operator.getByTestId('env-staging').count(), LONG).toBe(0)
    expect(await operator.getByTestId('env-prod').count()).toBe(1)
    expect(await stillSamePage(operator)).toBe(true)
    await operator.goto(`${app.url}/environments/staging`)
    await operator.getByTestId('environment-not-found').waitFor(LONG)
    expect(await operator.getByTestId('environment-not-found').textContent()).toContain('has not given you view on it')
    const seen = await operatorDb.from('environments').select('id').eq('id', DEMO.env.staging)
    expect(seen.data).toEqual([])
    await shot(operator, 'permissions-operator-staging-hidden.png')
  }, STEP)
})
