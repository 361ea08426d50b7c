import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { invoke } from '../../test/functions/helpers.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 20, the run page at scale: a run of 40 parallel chains of 8 steps (322 nodes, past the size where the
// page draws only what is on screen) opens with the chains folded into one group node whose counts follow the
// run live; "Expand all" draws every chain, "Collapse all" folds them again; a node picked by URL inside the
// group keeps it open; the timeline shows the newest 50 state changes and more on request.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 60_000 }
const STEP = 120_000
// Wide rather than deep: under a full suite's load each level of the chains takes seconds, and step 5 waits for the end.
const BRANCHES = 40
const LENGTH = 8
const TOTAL = BRANCHES * LENGTH + 2

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let operatorDb: Client
let runId: string

/** Checkout → BRANCHES chains of LENGTH simulated steps of `ms` → Deploy dev. */
function fanOutPipeline(ms: number) {
  const work = { executor: { type: 'simulated', duration_ms: ms, outcome: 'success', log_lines: [] } }
  const nodes: object[] = [{ id: 'src', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Checkout', config: { repository: 'acme/payments-api' } } }]
  const edges: object[] = []
  for (let b = 0; b < BRANCHES; b++) {
    let previous = 'src'
    for (let s = 0; s < LENGTH; s++) {
      const id = `b${b}s${s}`
      nodes.push({ id, type: 'test', position: { x: 0, y: 0 }, data: { label: `Suite ${b + 1}.${s + 1}`, config: work } })
      edges.push({ id: `${previous}->${id}`, source: previous, target: id, data: { on: 'success' } })
      previous = id
    }
    edges.push({ id: `${previous}->dev`, source: previous, target: 'dev', data: { on: 'success' } })
  }
  nodes.push({ id: 'dev', type: 'deploy', position: { x: 0, y: 0 }, data: { label: 'Deploy dev', config: { environment: 'dev' } } })
  return { nodes, edges }
}

const group = () => page.getByTestId('group-group:src')
const counts = () => page.getByTestId('group-counts-group:src').textContent()
const passedIn = (text: string | null) => Number(/([\d,]+) passed/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? 0)

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  const { data: pipeline, error } = await operatorDb.from('flow_templates')
    .insert({ project_id: DEMO.project, name: 'Large run journey', type: 'cicd', ...fanOutPipeline(600), created_by: DEMO.users.operator }).select('id').single()
  if (error) throw error
  const started = await invoke(operatorDb, 'pipeline-execute', { flow_template_id: pipeline.id, version: '3.1.4-large' })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  runId = started.body.execution_id
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe(`a run of ${TOTAL} nodes in Chromium`, () => {
  skipAfterFirstFailure()

  it('1. opens with the parallel chains folded into one node whose counts follow the run live', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/executions/${runId}`)
    await group().waitFor(LONG)
    expect(await group().textContent()).toContain(`${BRANCHES} branches · ${BRANCHES * LENGTH} steps`)
    expect(await page.getByTestId('group-toolbar-status').textContent()).toBe(`1 parallel group (${BRANCHES} branches), folded`)
    const graph = page.getByTestId('execution-graph')
    expect(await graph.getAttribute('data-node-count')).toBe(String(TOTAL))
    expect(await graph.getAttribute('data-drawn-count')).toBe('2')
    const first = passedIn(await counts())
    await expect.poll(async () => passedIn(await counts()), LONG).toBeGreaterThan(first)
    expect(await group().getAttribute('data-status')).toBe('running')
  }, STEP)

  it('2. "Expand all" draws every chain, "Collapse all" folds them again; the group node opens its own', async () => {
    await page.getByRole('button', { name: 'Expand all' }).click()
    const graph = page.getByTestId('execution-graph')
    await expect.poll(() => graph.getAttribute('data-drawn-count'), LONG).toBe(String(TOTAL))
    await page.getByTestId('node-b0s0').waitFor(LONG)
    expect(await group().count()).toBe(0)
    expect(await page.getByTestId('group-toolbar-status').textContent()).toBe(`1 parallel group (${BRANCHES} branches), all open`)
    await page.getByRole('button', { name: 'Collapse all' }).click()
    await group().waitFor(LONG)
    await group().getByRole('button', { name: 'Expand' }).click()
    await page.getByTestId('node-b0s0').waitFor(LONG)
  }, STEP)

  it('3. a node picked by URL inside the group keeps the group open, with its logs beside it', async () => {
    await page.goto(`${app.url}/executions/${runId}?node=b3s2`)
    await page.getByTestId('node-b3s2').waitFor(LONG)
    expect(await group().count()).toBe(0)
    expect(await page.getByTestId('group-toolbar-status').textContent()).toBe(`1 parallel group (${BRANCHES} branches), all open`)
    await page.getByTestId('log-panel').waitFor(LONG)
  }, STEP)

  it('4. the timeline shows the newest 50 state changes, and 50 more on "Show older"', async () => {
    const timeline = page.getByTestId('state-timeline')
    await expect.poll(() => timeline.locator('li').count(), LONG).toBe(50)
    expect(await page.getByTestId('timeline-count').textContent()).toMatch(/^Showing the newest 50 of \d+\.$/)
    await page.getByRole('button', { name: 'Show older' }).click()
    await expect.poll(() => timeline.locator('li').count(), LONG).toBe(100)
  }, STEP)

  it('5. when the run ends the folded group says every step passed', async () => {
    await page.goto(`${app.url}/executions/${runId}`)
    await group().waitFor(LONG)
    await expect.poll(() => group().getAttribute('data-status'), { timeout: 110_000 }).toBe('success')
    expect(await counts()).toBe(`${BRANCHES * LENGTH} passed`)
  }, STEP)
})
