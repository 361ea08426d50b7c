import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, sql } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 13, logs at scale: one node of a run with 20,000 log lines. The panel draws only the lines on screen,
// follows the end, scrolls to the top, finds text across the whole log (next / previous, highlighted), shows
// chosen levels only, takes a live line, and downloads the whole log as a file.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 45_000 }
const STEP = 90_000
const LINES = 20_000
const execution = DEMO.runningExecution

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let node: string

const panel = () => page.getByTestId('log-panel')
const scroller = () => page.getByTestId('log-scroller')
const drawnLines = () => scroller().locator('[data-line]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line'))))
const scrollTo = (top: number | 'end') => scroller().evaluate((el, to) => { el.scrollTop = to === 'end' ? el.scrollHeight : to }, top)

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  ;[{ node_id: node }] = await sql(stack, "select node_id from public.execution_nodes where execution_id = $1 and status in ('success', 'failed') order by node_id limit 1", [execution])
  await sql(stack, 'delete from public.execution_logs where execution_id = $1 and node_id = $2', [execution, node])
  // Line i: level i % 4 (debug, info, warn, error); every 250th mentions "needle".
  await sql(stack, `insert into public.execution_logs (execution_id, node_id, level, message)
    select $1, $2, (array['debug','info','warn','error'])[1 + i % 4]::public.log_level,
      case when i % 250 = 0 then 'line ' || i || ' has a Needle in it' else 'line ' || i end
    from generate_series(1, $3) i`, [execution, node, LINES])
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('a node log of 20,000 lines in Chromium', () => {
  skipAfterFirstFailure()

  it('1. opens at the end with the line count, drawing only the lines on screen', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/executions/${execution}?node=${node}`)
    await expect.poll(() => panel().getByTestId('log-total').textContent(), LONG).toBe('20,000 lines')
    await expect.poll(async () => (await drawnLines()).at(-1), LONG).toBe(LINES - 1)
    await expect.poll(() => scroller().getByTestId('log-message').last().textContent(), LONG).toBe(`line ${LINES} has a Needle in it`)
    expect((await drawnLines()).length).toBeLessThan(30)
  }, STEP)

  it('2. scrolled to the top it shows the first lines, fetched for that place', async () => {
    await scrollTo(0)
    await expect.poll(() => scroller().getByTestId('log-message').first().textContent(), LONG).toBe('line 1')
    expect((await drawnLines())[0]).toBe(0)
    await page.getByRole('button', { name: 'Follow' }).waitFor(LONG)
  }, STEP)

  it('3. finds text anywhere in the log: next, next, previous, with the match marked and counted', async () => {
    const find = panel().getByRole('textbox', { name: 'Find in log' })
    await find.fill('needle')
    await find.press('Enter')
    const status = panel().getByTestId('log-search-status')
    await expect.poll(() => status.textContent(), LONG).toBe('1 of 80')
    await find.press('Enter')
    await expect.poll(() => status.textContent(), LONG).toBe('2 of 80')
    const current = scroller().locator('[data-current]')
    await expect.poll(() => current.getByTestId('log-message').textContent(), LONG).toBe('line 500 has a Needle in it')
    expect(await current.locator('mark').textContent()).toBe('Needle')
    await find.press('Shift+Enter')
    await expect.poll(() => status.textContent(), LONG).toBe('1 of 80')
    await expect.poll(() => current.getByTestId('log-message').textContent(), LONG).toBe('line 250 has a Needle in it')
  }, STEP)

  it('4. shows only the levels chosen, counted, from the end', async () => {
    for (const level of ['debug', 'info', 'warn']) await panel().getByRole('button', { name: level, exact: true }).click()
    await expect.poll(() => panel().getByTestId('log-total').textContent(), LONG).toBe('5,000 lines (error)')
    await expect.poll(() => scroller().getByTestId('log-message').last().textContent(), LONG).toBe('line 19999')
    await scrollTo(0)
    await expect.poll(() => scroller().getByTestId('log-message').first().textContent(), LONG).toBe('line 3')
    const levels = await scroller().locator('[data-level]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')))
    expect(new Set(levels)).toEqual(new Set(['error']))
    for (const level of ['debug', 'info', 'warn']) await panel().getByRole('button', { name: level, exact: true }).click()
    await expect.poll(() => panel().getByTestId('log-total').textContent(), LONG).toBe('20,000 lines')
  }, STEP)

  it('5. "Follow" goes back to the end, where a line the node writes now appears live', async () => {
    await scrollTo(0)
    await page.getByRole('button', { name: 'Follow' }).click()
    await expect.poll(async () => (await drawnLines()).at(-1), LONG).toBe(LINES - 1)
    await sql(stack, "insert into public.execution_logs (execution_id, node_id, level, message) values ($1, $2, 'info', 'written just now')", [execution, node])
    await expect.poll(() => panel().getByTestId('log-total').textContent(), LONG).toBe('20,001 lines')
    await expect.poll(() => scroller().getByTestId('log-message').last().textContent(), LONG).toBe('written just now')
  }, STEP)

  it('6. downloads the whole log as a text file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', LONG), panel().getByRole('button', { name: 'Download' }).click()])
    expect(download.suggestedFilename()).toBe(`${node}-${execution.slice(0, 8)}.log`)
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(LINES + 1)
    expect(lines[0]).toMatch(/ INFO {2}line 1$/)
    expect(lines.at(-1)).toMatch(/ INFO {2}written just now$/)
  }, STEP)
})
