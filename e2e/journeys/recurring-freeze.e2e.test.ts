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

// Issue 10: an admin schedules a recurring freeze on dev in the freeze-window form (hourly in Berlin time, each
// lasting the hour, so one is in force now); the preview lists the next times. An operator's run reaches its
// deploy inside the window and is held in dev's queue with the window's reason; deleting the window lets it go.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 90_000
const REASON = 'Hourly ledger reconciliation'

let stack: TestStack
let app: RunningApp
let adminBrowser: Browser
let operatorBrowser: Browser
let admin: Page
let operator: Page
let operatorDb: Client


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

describe('a recurring freeze window in Chromium', () => {
  skipAfterFirstFailure()

  it('the admin schedules an hourly freeze on dev; the form previews when it fires and the list shows it', async () => {
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    await nav(admin, 'Environments')
    await admin.getByTestId('env-dev').getByRole('link', { name: 'Development' }).click()
    await admin.getByTestId('new-freeze-window').click()
    const form = admin.getByRole('form', { name: 'Freeze window' })
    await form.getByLabel('Kind').selectOption('recurring')
    await form.getByLabel('Reason').fill(REASON)
    await form.getByLabel('Recurrence (cron)').fill('0 * * * *')
    await form.getByLabel('Time zone').fill('Europe/Berlin')
    await form.getByLabel('Each lasts (minutes)').fill('60')
    await expect.poll(() => form.getByTestId('freeze-preview').textContent(), LONG).toMatch(/^Next: .+ · .+ · .+\(Europe\/Berlin\)$/)
    await form.getByRole('button', { name: 'Create' }).click()
    const row = admin.getByTestId('freeze-window').filter({ hasText: REASON })
    await row.waitFor(LONG)
    expect(await row.textContent()).toContain('0 * * * * (Europe/Berlin) for 60 min')
  }, STEP)

  it('an operator\'s deploy to dev inside the window is held in dev\'s queue with the window\'s reason', async () => {
    const graph = storedPipeline([['src', 'source', { repository: 'acme/payments-api' }], ['build', 'build', simulated(200)], ['deploy', 'deploy', { environment: 'dev', strategy: 'rolling' }]])
    const { data, error } = await operatorDb.functions.invoke('pipeline-execute', { body: { flow_template_id: await savePipeline(operatorDb, graph), version: 'frozen-1' } })
    expect(error).toBeNull()
    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await operator.goto(`${app.url}/executions/${data.execution_id}`)
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('waiting')
    await expect.poll(() => operator.getByTestId('deploy-queue-notice').textContent(), LONG).toContain(`environment dev is frozen until`)
    expect(await operator.getByTestId('deploy-queue-notice').textContent()).toContain(REASON)
  }, STEP)

  it('the admin deletes the window and the held deploy goes on by itself', async () => {
    await admin.getByRole('button', { name: `Delete ${REASON}` }).click()
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('success')
    await expect.poll(() => operator.getByTestId('deploy-queue-notice').count(), LONG).toBe(0)
  }, STEP)
})
