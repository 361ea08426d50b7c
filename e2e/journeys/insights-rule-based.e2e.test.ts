import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn, type Client } from '../../test/data-model/demo.ts'
import { createPipeline, failingPipeline, runToEnd } from '../../test/functions/runs.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 14 without a model or an ElevenLabs key (the project as shipped): a failed run's analysis comes from the
// rules, labelled so on screen, and "Read aloud" falls back to the browser's own voice, labelled too; the
// pipeline's "Explain" answers from the rules as well.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let viewerDb: Client
let operatorDb: Client
let pipelineId = ''

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  viewerDb = await signIn(stack, 'viewer@opzenix.dev')
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

let runId = ''

describe('a failed run is analyzed by the rules in Chromium', () => {
  skipAfterFirstFailure()

  it('a viewer asks, and the rule-based analysis says which stage failed with what', async () => {
    pipelineId = await createPipeline(stack, 'rules journey', failingPipeline(false))
    const run = await runToEnd(stack, operatorDb, pipelineId)
    runId = run.id
    page = await signInPage(browser, app.url, 'viewer@opzenix.dev')
    await page.goto(`${app.url}/executions/${run.id}`)
    const panel = page.getByTestId('analysis-panel')
    await panel.getByRole('button', { name: 'Analyze this run' }).click()
    const result = panel.getByTestId('analysis-result')
    await expect.poll(() => result.getByTestId('analysis-label').textContent(), LONG).toBe('Rule-based analysis')
    expect(await result.getByTestId('analysis-summary').textContent()).toBe('Stage "test" failed with "1 test failed". 1 more finding below.')
    expect(await result.getByTestId('analysis-findings').getByRole('listitem').count()).toBe(2)
    expect(await panel.getByTestId('analysis-answer').count()).toBe(0)
    const stored = await viewerDb.from('ai_analyses').select('analyzer, answer').eq('execution_id', run.id)
    expect(stored.data).toEqual([{ analyzer: 'rule-based', answer: 'Stage "test" failed with "1 test failed". 1 more finding below.' }])
  }, 120_000)

  it('"Read aloud" uses the browser\'s own voice and says so', async () => {
    const result = page.getByTestId('analysis-panel').getByTestId('analysis-result')
    await result.getByRole('button', { name: 'Read aloud' }).click()
    await expect.poll(() => result.getByTestId('read-aloud-status').textContent(), LONG)
      .toMatch(/^(Reading|Read) with your browser's voice \(no ElevenLabs key is set\)$/)
  }, 90_000)

  it('"Explain" on the pipeline says what it runs, from the rules', async () => {
    await page.goto(`${app.url}/pipelines/${pipelineId}`)
    await page.getByRole('button', { name: 'Explain', exact: true }).click()
    const sheet = page.getByTestId('explain-pipeline')
    await expect.poll(() => sheet.getByTestId('analysis-label').textContent(), LONG).toBe('Rule-based analysis')
    expect(await sheet.getByTestId('analysis-summary').textContent()).toBe('Pipeline "rules journey" runs source → build → test → deploy to dev.')
  }, 90_000)

  it('the environment page explains prod\'s configuration and analyzes its runs; a run page analyzes its timings', async () => {
    await page.goto(`${app.url}/environments/prod`)
    await page.getByRole('button', { name: 'Explain configuration' }).click()
    const config = page.getByTestId('explain-environment')
    await expect.poll(() => config.getByTestId('analysis-label').textContent(), LONG).toBe('Rule-based analysis')
    expect(await config.getByTestId('analysis-summary').textContent()).toContain('prod')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Analyze runs' }).click()
    const runs = page.getByTestId('telemetry-environment')
    await expect.poll(() => runs.getByTestId('analysis-label').textContent(), LONG).toBe('Rule-based analysis')
    expect((await runs.getByTestId('analysis-summary').textContent())?.length).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await page.goto(`${app.url}/executions/${runId}`)
    await page.getByRole('button', { name: 'Analyze timings' }).click()
    const timings = page.getByTestId('telemetry-run')
    await expect.poll(() => timings.getByTestId('analysis-label').textContent(), LONG).toBe('Rule-based analysis')
    const { data: last } = await viewerDb.from('ai_analyses').select('kind').order('created_at', { ascending: false }).limit(3)
    expect(last?.map((a) => a.kind)).toEqual(['telemetry', 'telemetry', 'config'])
  }, 90_000)
})
