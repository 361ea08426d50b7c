import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn, type Client } from '../../test/data-model/demo.ts'
import { savePipeline, simulated, storedPipeline } from '../../test/engine/helpers.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// Issue 10: an admin locks dev in the lock dialog; the operator's run reaches its deploy and waits in dev's queue
// (the run page says so, with its position) instead of failing; the admin unlocks and the deploy goes on.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }

let stack: TestStack
let app: RunningApp
let adminBrowser: Browser
let operatorBrowser: Browser
let admin: Page
let operator: Page
let operatorDb: Client
let runId = ''


beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[adminBrowser, operatorBrowser] = await Promise.all([openBrowser(), openBrowser()])
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
})

afterAll(async () => {
  await adminBrowser?.close()
  await operatorBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('a deploy waits for a lock in Chromium', () => {
  skipAfterFirstFailure()

  it('the admin locks dev with a reason and a time-to-live', async () => {
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    await nav(admin, 'Environments')
    await admin.getByTestId('env-dev').getByRole('link').first().click()
    await admin.getByRole('heading', { name: 'Version history' }).waitFor()
    await admin.getByRole('button', { name: 'Lock dev' }).click()
    const dialog = admin.getByRole('dialog')
    await dialog.getByLabel('Reason').fill('Database migration in progress')
    await dialog.getByLabel('Lifts itself after (minutes)').fill('30')
    await dialog.getByRole('button', { name: 'Confirm lock' }).click()
    await expect.poll(() => admin.getByTestId('env-dev').getAttribute('data-locked'), LONG).toBe('true')
    await expect.poll(() => admin.getByTestId('lock-countdown-dev').textContent(), LONG).toMatch(/Lifts in (29|30)m/)
  }, 90_000)

  it('the operator\'s run waits in dev\'s queue, and its page shows the position', async () => {
    const graph = storedPipeline([['src', 'source', { repository: 'acme/payments-api' }], ['build', 'build', simulated(200)], ['deploy', 'deploy', { environment: 'dev', strategy: 'rolling' }]])
    const { data, error } = await operatorDb.functions.invoke('pipeline-execute', { body: { flow_template_id: await savePipeline(operatorDb, graph), version: 'queued-1' } })
    expect(error).toBeNull()
    runId = data.execution_id
    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await operator.goto(`${app.url}/executions/${runId}`)
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('waiting')
    await expect.poll(() => operator.getByTestId('deploy-queue-notice').textContent(), LONG).toContain('Deploy to dev waiting in its queue: position 1')
    expect(await operator.getByTestId('deploy-queue-notice').textContent()).toContain('environment dev is locked: Database migration in progress')
    // The node's badge says what it waits for: a queue, not a gate.
    expect(await operator.getByTestId('node-deploy').textContent()).toContain('Waiting in queue')
  }, 90_000)

  it('the admin unlocks dev and the deploy goes on by itself', async () => {
    await admin.getByRole('button', { name: 'Unlock dev' }).click()
    await admin.getByRole('dialog').getByLabel('Reason').fill('Migration done')
    await admin.getByRole('dialog').getByRole('button', { name: 'Confirm unlock' }).click()
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('success')
    await expect.poll(() => operator.getByTestId('deploy-queue-notice').count(), LONG).toBe(0)
  }, 90_000)
})
