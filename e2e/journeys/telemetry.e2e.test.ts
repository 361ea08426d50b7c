import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { ExportResultCode, exportSpans, ingestUrl, issueToken, makeSpans } from '../../test/telemetry/otlp-client.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 6, telemetry page: spans sent by the official OTLP exporter stream into the open table, the trace
// opens as a waterfall with the child under its parent; a seeded run's CI/CD spans render as a tree.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const SERVICE = `e2e-checkout-${Date.now().toString(36)}`

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let token: string

const send = async () => {
  const result = await exportSpans(ingestUrl(stack, 'traces'), { authorization: `Bearer ${token}` }, makeSpans(SERVICE), 'json')
  expect(result.code).toBe(ExportResultCode.SUCCESS)
}
const rows = () => page.getByRole('table', { name: 'Signals' }).getByTestId('signal-row')
const waterfall = () => page.getByRole('list', { name: 'Trace waterfall' }).getByTestId('waterfall-row')
const depthOf = (name: string) => waterfall().filter({ hasText: name }).getAttribute('data-depth')

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  await mkdir(ARTIFACTS, { recursive: true })
  token = await issueToken(await signIn(stack, 'admin@opzenix.dev'))
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('the telemetry page in Chromium', () => {
  skipAfterFirstFailure()

  it('shows spans sent over OTLP as they arrive, filtered by the service in the URL', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/telemetry?type=trace&service=${SERVICE}`)
    await page.getByTestId('signals-empty').waitFor()
    await markPage(page)
    await send()
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(2)
    expect(await rows().allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('POST /payments'), expect.stringContaining('SELECT ledger')]))
    expect(await stillSamePage(page)).toBe(true)
    await page.screenshot({ path: path.join(ARTIFACTS, 'telemetry-live.png'), fullPage: true })
  })

  it('while paused, counts new spans instead of moving the table, and shows them on request', async () => {
    await page.getByTestId('live-toggle').click()
    expect(await page.getByTestId('live-toggle').getAttribute('aria-pressed')).toBe('false')
    await send()
    await page.getByTestId('signals-waiting').filter({ hasText: '2 new' }).waitFor({ timeout: 30_000 })
    expect(await rows().count()).toBe(2)
    await page.getByTestId('signals-waiting').click()
    await expect.poll(() => rows().count()).toBe(4)
  })

  it('opens a trace as a waterfall: the child span nested under its parent, with its attributes', async () => {
    await rows().filter({ hasText: 'SELECT ledger' }).first().getByRole('link', { name: /Open trace/ }).click()
    await expect.poll(() => waterfall().count()).toBe(2)
    expect(await waterfall().allInnerTexts()).toEqual([expect.stringContaining('POST /payments'), expect.stringContaining('SELECT ledger')])
    expect([await depthOf('POST /payments'), await depthOf('SELECT ledger')]).toEqual(['0', '1'])
    expect(new URL(page.url()).searchParams.get('service')).toBe(SERVICE) // the filters stay
    await waterfall().filter({ hasText: 'SELECT ledger' }).click()
    await expect.poll(() => page.getByTestId('span-attributes').innerText()).toContain('postgresql')
    await page.screenshot({ path: path.join(ARTIFACTS, 'telemetry-trace.png'), fullPage: true })
  })

  it("opens a seeded run's trace from the run page: the pipeline-run span with its task spans beneath", async () => {
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const { data: run, error } = await admin.from('telemetry_signals').select('execution_id, name')
      .eq('source', 'opzenix').eq('kind', 'server').not('execution_id', 'is', null).order('id').limit(1).single()
    expect(error).toBeNull()
    const tasks = await admin.from('telemetry_signals').select('id', { count: 'exact', head: true })
      .eq('execution_id', run!.execution_id!).eq('kind', 'internal')
    expect(tasks.count).toBeGreaterThan(1)

    await page.goto(`${app.url}/executions/${run!.execution_id}`)
    await page.getByRole('link', { name: 'Open trace' }).click()
    await expect.poll(() => waterfall().count(), { timeout: 30_000 }).toBe(tasks.count! + 1)
    const depths = await waterfall().evaluateAll((els) => els.map((el) => el.getAttribute('data-depth')))
    expect(depths).toEqual(['0', ...Array.from({ length: tasks.count! }, () => '1')])
    expect(await waterfall().first().innerText()).toContain(run!.name)
    await page.screenshot({ path: path.join(ARTIFACTS, 'telemetry-run-trace.png'), fullPage: true })
  })
})
