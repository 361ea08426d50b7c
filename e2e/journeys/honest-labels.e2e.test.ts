import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { invoke, waitFor } from '../../test/functions/helpers.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// Issue 20, honest labels: a run whose deploy step has no real executor records a deployment the board, the
// version history, the home page and DORA mark "simulated"; its timeline speaks in sentences and names nodes by
// their labels; a cancelled run says "Cancelled", not a percentage; the home page's "Running" figure and its
// "Running now" list count the same runs.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 45_000 }
const STEP = 120_000
const VERSION = '9.9.0-honest'

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let operatorDb: Client
let runId: string

const simulated = (ms: number) => ({ executor: { type: 'simulated', duration_ms: ms, outcome: 'success', log_lines: [] } })

/** A pipeline source → build → deploy dev, the build lasting `buildMs`, started by the operator. */
async function startRun(name: string, buildMs: number, version: string): Promise<string> {
  const nodes = [
    { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Checkout', config: { repository: 'acme/payments-api' } } },
    { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: { label: 'Build image', config: simulated(buildMs) } },
    { id: 'deploy-dev', type: 'deploy', position: { x: 400, y: 0 }, data: { label: 'Ship to dev', config: { environment: 'dev' } } },
  ]
  const edges = [
    { id: 'source->build', source: 'source', target: 'build', data: { on: 'success' } },
    { id: 'build->deploy-dev', source: 'build', target: 'deploy-dev', data: { on: 'success' } },
  ]
  const { data: pipeline, error } = await operatorDb.from('flow_templates')
    .insert({ project_id: DEMO.project, name, type: 'cicd', nodes, edges, created_by: DEMO.users.operator }).select('id').single()
  if (error) throw error
  const started = await invoke(operatorDb, 'pipeline-execute', { flow_template_id: pipeline.id, version })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  return started.body.execution_id
}

async function finished(executionId: string): Promise<string> {
  return waitFor(async () => {
    const { data } = await operatorDb.from('executions').select('status').eq('id', executionId).single()
    return ['success', 'warning', 'failed', 'cancelled'].includes(data!.status) ? data!.status : undefined
  }, 60_000, 'the run to finish')
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('honest labels', () => {
  skipAfterFirstFailure()

  it('1. a run with a simulated deploy records a deployment marked simulated', async () => {
    runId = await startRun('Honest release', 300, VERSION)
    expect(await finished(runId)).toBe('success')
    const { data, error } = await operatorDb.from('deployments').select('version, simulated').eq('execution_id', runId)
    expect(error).toBeNull()
    expect(data).toEqual([{ version: VERSION, simulated: true }])
  }, STEP)

  it('2. the board, the version history and Recent deployments mark it simulated', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await nav(page, 'Environments')
    await expect.poll(() => page.getByTestId('env-dev-version').textContent(), LONG).toBe(VERSION)
    await page.getByTestId('env-dev-simulated').waitFor()

    await page.getByTestId('env-dev').getByRole('link', { name: 'Development' }).click()
    const newest = page.getByRole('main').locator('li', { hasText: VERSION }).first()
    await newest.waitFor()
    expect(await newest.getByTestId('simulated-badge').textContent()).toBe('simulated')

    await nav(page, 'Control tower')
    const recent = page.getByTestId('recent-deployment').filter({ hasText: VERSION })
    await recent.waitFor()
    expect(await recent.getByTestId('simulated-badge').isVisible()).toBe(true)
  }, STEP)

  it('3. DORA says how many simulated deployments its figures include', async () => {
    await nav(page, 'DORA metrics')
    await page.getByRole('heading', { name: 'DORA metrics', level: 1 }).waitFor()
    await page.locator('#dora-environment').selectOption({ label: 'Development' })
    const note = page.getByTestId('dora-simulated')
    await expect.poll(async () => Number(await note.getAttribute('data-count')), LONG).toBeGreaterThan(0)
    expect(await note.textContent()).toMatch(/^These figures include \d+ simulated deployments? \(dev\): recorded by runs whose deploy step has no real executor/)
  }, STEP)

  it('4. the run page: the timeline speaks in sentences and names every node by its label; progress says Done', async () => {
    await page.goto(`${app.url}/executions/${runId}`)
    await expect.poll(() => page.getByTestId('execution-progress-text').textContent(), LONG).toBe('Done')
    const timeline = page.getByTestId('state-timeline')
    await timeline.getByText('The simulated step finished with its configured outcome (nothing real ran).').first().waitFor()
    const text = await timeline.innerText()
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/)
    const subjects = await timeline.locator('li').evaluateAll((rows) => rows.map((li) => li.querySelector('span')!.textContent))
    expect(new Set(subjects)).toEqual(new Set(['Run', 'Checkout', 'Build image', 'Ship to dev']))
  }, STEP)

  it('5. the home page counts and lists the same running runs; a cancelled run says Cancelled', async () => {
    const longRun = await startRun('Long honest build', 600_000, '9.9.1-honest')
    await page.goto(app.url)
    const list = page.getByRole('list', { name: 'Runs in progress' })
    await list.getByTestId(`running-${longRun}`).waitFor(LONG)
    await expect.poll(async () => [await page.getByTestId('kpi-running').textContent(), await page.getByTestId('running-now-count').textContent()], LONG)
      .toEqual([String(await list.locator('li').count()), String(await list.locator('li').count())])
    // The seed's run paused on its prod gate is not among the running ones.
    expect(await page.getByRole('list', { name: 'Paused runs' }).locator('li').count()).toBeGreaterThan(0)

    await page.goto(`${app.url}/executions/${longRun}`)
    await expect.poll(() => page.getByTestId('execution-progress-text').textContent(), LONG).toMatch(/^\d+%$/)
    const cancelled = await invoke(operatorDb, 'execution-cancel', { execution_id: longRun, reason: 'Not needed' })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    await expect.poll(() => page.getByTestId('execution-progress-text').textContent(), LONG).toBe('Cancelled')
    await page.getByTestId('state-timeline').getByText('Cancelled: Not needed.').first().waitFor()
  }, STEP)
})
