import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, sql, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// docs/admin.md "Audit trail and export": an admin opens the audit page, sees the chain status and a change
// arrive live, narrows the list with filters that survive a reload (they are in the URL), opens one
// resource's history, and downloads that view as CSV and JSON with the rows SQL finds.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 60_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let adminApi: Client

const total = async () => Number((await page.getByTestId('audit-total').textContent(LONG))!.replace(/[^\d]/g, ''))
const waitForTotal = (n: number) => page.getByTestId('audit-total').filter({ hasText: new RegExp(`^${n.toLocaleString('en-US')} entr`) }).waitFor(LONG)

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  adminApi = await signIn(stack, 'admin@opzenix.dev')
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('audit trail in Chromium', () => {
  skipAfterFirstFailure()

  it('an admin opens the audit page: the chain is intact and a change arrives live', async () => {
    page = await signInPage(browser, app.url, 'admin@opzenix.dev')
    await nav(page, 'Audit trail')
    await page.getByRole('heading', { name: 'Audit trail', exact: true }).waitFor()
    await page.locator('[data-testid="chain-verdict"][data-intact="true"]').waitFor(LONG)
    const [{ n }] = await sql(stack, 'select count(*)::int as n from public.audit_logs where organization_id = $1', [DEMO.acme])
    await waitForTotal(n)
    const { error } = await adminApi.from('environment_locks').update({ is_locked: true, lock_reason: 'journey: audit live' }).eq('environment_id', DEMO.env.uat)
    expect(error).toBeNull()
    await waitForTotal(n + 1)
    await page.getByTestId('audit-row').first().getByRole('button', { expanded: false }).click()
    await page.getByText('journey: audit live').first().waitFor(LONG)
  }, STEP)

  it('filters by action and resource, kept in the URL across a reload, and opens one resource\'s history', async () => {
    await page.getByLabel('Action').selectOption('update')
    await page.getByLabel('Resource').selectOption('environment_locks')
    await expect.poll(() => page.url(), LONG).toContain('action=update')
    expect(page.url()).toContain('resource=environment_locks')
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1 and action = 'update' and resource_type = 'environment_locks'`, [DEMO.acme])
    await waitForTotal(n)
    await page.reload()
    await waitForTotal(n)
    expect(await page.getByLabel('Action').inputValue()).toBe('update')

    const [{ id: lockId }] = await sql(stack, 'select id::text from public.environment_locks where environment_id = $1', [DEMO.env.uat])
    await page.getByRole('button', { name: `History of environment_locks ${lockId}` }).first().click()
    await page.getByTestId('audit-chip').filter({ hasText: `History of environment_locks ${lockId}` }).waitFor()
    // The whole history of that lock: every action, the other filters cleared.
    expect(page.url()).toContain(`resource_id=${lockId}`)
    expect(page.url()).not.toContain('action=')
    const [{ n: history }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1 and resource_type = 'environment_locks' and resource_id = $2`, [DEMO.acme, lockId])
    await waitForTotal(history)
    expect(await total()).toBe(history)
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit-history.png'), fullPage: true })
  }, STEP)

  it('downloads the resource\'s history as CSV and JSON, the rows SQL finds', async () => {
    const [{ id: lockId }] = await sql(stack, 'select id::text from public.environment_locks where environment_id = $1', [DEMO.env.uat])
    const expected = (await sql(stack, `select id::int from public.audit_logs where organization_id = $1 and resource_type = 'environment_locks' and resource_id = $2 order by id`, [DEMO.acme, lockId])).map((r) => r.id)
    for (const format of ['CSV', 'JSON'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', LONG), page.getByRole('button', { name: `Export ${format}` }).click()])
      expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-acme[a-z0-9-]*-start-to-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`))
      const text = await readFile((await download.path())!, 'utf8')
      const ids = format === 'JSON'
        ? (JSON.parse(text) as Array<{ id: number }>).map((r) => r.id)
        : text.trimEnd().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]))
      expect(ids).toEqual(expected)
      await page.getByTestId('export-done').filter({ hasText: `${expected.length} rows` }).waitFor(LONG)
    }
  }, STEP)
})
