import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { ANSWER, MODEL_KEY, modelRoute, silentMp3 } from '../../test/ai/model-server.ts'
import { signIn, type Client } from '../../test/data-model/demo.ts'
import { createPipeline, failingPipeline, runToEnd } from '../../test/functions/runs.ts'
import { startProjectWithEnv, type ProjectStack } from '../../test/github/project.ts'
import { startRecordingServer, type RecordingServer } from '../../test/helpers/recording-server.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 14: an operator opens a failed run and asks for an analysis; the recording server plays an
// OpenAI-compatible model, whose answer streams into the Analysis panel under the rule-based findings; the
// analysis is stored and readable after a reload, and "Read aloud" plays it through ElevenLabs (also played by the
// recording server).
const LONG = { timeout: 30_000 }

let stack: ProjectStack
let server: RecordingServer
let app: RunningApp
let browser: Browser
let page: Page
let operatorDb: Client
let runId = ''

beforeAll(async () => {
  server = await startRecordingServer([
    modelRoute(),
    { method: 'POST', path: /^\/v1\/text-to-speech\//, reply: { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: silentMp3() } },
  ])
  stack = await startProjectWithEnv({
    AI_API_URL: `${server.url}/v1`, AI_MODEL: 'test-model', AI_API_KEY: MODEL_KEY, ELEVENLABS_API_URL: server.url, ELEVENLABS_API_KEY: 'el-journey-key',
  })
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
  await server?.stop()
})

describe('a failed run is analyzed in Chromium', () => {
  skipAfterFirstFailure()

  it('the failed run\'s page offers an analysis, with none stored yet', async () => {
    const run = await runToEnd(stack, operatorDb, await createPipeline(stack, 'insights journey', failingPipeline(false)))
    expect(run.status).toBe('failed')
    runId = run.id
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/executions/${runId}`)
    const panel = page.getByTestId('analysis-panel')
    await panel.getByRole('heading', { name: 'Analysis', exact: true }).waitFor(LONG)
    await expect.poll(() => panel.getByTestId('analysis-history-empty').textContent(), LONG).toBe('No analysis of this run yet.')
  }, 120_000)

  it('the model\'s answer streams in, labelled, above the rule-based findings', async () => {
    const panel = page.getByTestId('analysis-panel')
    await panel.getByRole('button', { name: 'Analyze this run' }).click()
    await expect.poll(() => panel.getByTestId('analysis-answer').textContent(), LONG).toBe(ANSWER.join(''))
    expect(await panel.getByTestId('analysis-result').getByTestId('analysis-label').textContent()).toBe('AI analysis · test-model')
    expect(await panel.getByTestId('analysis-findings').textContent()).toContain('Stage "test" failed with "1 test failed"')
    await expect.poll(() => panel.getByTestId('analysis-result').textContent(), LONG).toContain('876 tokens')
    expect(server.received('/v1/chat/completions', 'POST')).toHaveLength(1)
  }, 90_000)

  it('"Read aloud" plays the answer in the ElevenLabs voice', async () => {
    const result = page.getByTestId('analysis-panel').getByTestId('analysis-result')
    await result.getByRole('button', { name: 'Read aloud' }).click()
    await expect.poll(() => result.getByTestId('read-aloud-status').textContent(), LONG).toMatch(/^(Reading|Read) with ElevenLabs voice$/)
    const [spoken] = server.received(/^\/v1\/text-to-speech\//, 'POST')
    expect(JSON.parse(spoken.body).text).toBe('The test stage failed: 1 test failed in the payments suite. Try: rerun the suite locally; check the fixtures.')
  }, 90_000)

  it('the analysis is stored: after a reload it is listed with who asked', async () => {
    await page.reload()
    const history = page.getByTestId('analysis-history')
    await expect.poll(() => history.getByRole('listitem').count(), LONG).toBe(1)
    const item = history.getByRole('listitem').first()
    expect(await item.getByTestId('analysis-label').textContent()).toBe('AI analysis · test-model')
    expect(await item.locator('summary').textContent()).toContain('Otto Operator')
    await item.locator('summary').click()
    await expect.poll(() => item.textContent(), LONG).toContain(ANSWER.join(''))
  }, 90_000)
})
