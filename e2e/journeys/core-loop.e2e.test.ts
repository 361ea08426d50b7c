import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { markPage, nav, signInPage, stillSamePage } from '../lib/session.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { enabledControls } from '../lib/controls.ts'
import { statusOf, waitForStatus } from '../lib/run-page.ts'

// Journeys 1–3 of issue 4, in order on one stack: an operator builds and runs a pipeline with a prod gate, an
// admin in a second browser casts the deciding approval, then rolls prod back. Each `it` needs the one before.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const PIPELINE = 'Checkout e2e release'
const VERSION = '2.0.0-e2e'
const LONG = { timeout: 45_000 }

let stack: TestStack
let app: RunningApp
let operatorBrowser: Browser
let adminBrowser: Browser
let operator: Page
let admin: Page
let operatorDb: Client
let previousProdVersion: string
let pipelineId: string
let executionId: string

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })

beforeAll(async () => {
  // Faster engine ticks than `npm start` (1 s): the journeys wait on the engine three times.
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  operatorBrowser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  const { data, error } = await operatorDb.from('deployment_versions').select('version_tag')
    .eq('environment_id', DEMO.env.prod).eq('is_current', true).single()
  if (error) throw error
  previousProdVersion = data.version_tag
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await operatorBrowser?.close()
  await adminBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('the core loop in Chromium', () => {
  skipAfterFirstFailure()

  it('1. an operator builds source → build → approval gate (prod) → deploy prod, saves, runs it and watches it live', async () => {
    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await nav(operator, 'Pipelines')
    await operator.getByRole('link', { name: 'New pipeline' }).click()
    await operator.getByLabel('Pipeline name').click()
    await operator.keyboard.type(PIPELINE)

    const canvas = operator.getByTestId('pipeline-canvas')
    const node = (name: string) => canvas.getByRole('group', { name, exact: true })
    const settings = (name: string) => operator.getByRole('form', { name: `${name} settings` })
    // A new pipeline starts as source → build → test → deploy; this one has a gate where the test stage is.
    await node('Test: Test').click()
    await operator.keyboard.press('Delete')
    await expect.poll(() => canvas.getAttribute('data-node-count'), LONG).toBe('3')

    await node('Source: Source').click()
    await settings('Source').getByLabel('Repository').fill('acme/checkout')
    await node('Build: Build').click()
    await settings('Build').getByLabel('Duration (ms)').fill('1500')
    // A palette click adds the stage after the selected one (build) and connects it.
    await operator.getByRole('button', { name: 'Add Approval gate' }).click()
    await settings('Approval gate').getByLabel('Environment').selectOption('prod')
    await operator.getByLabel('Connect to…').selectOption({ label: 'Deploy (Deploy)' })
    await node('Deploy: Deploy').click()
    await settings('Deploy').getByLabel('Environment').selectOption('prod')
    await expect.poll(() => canvas.getAttribute('data-node-count')).toBe('4')
    expect(await canvas.locator('[data-issue="error"]').count()).toBe(0)

    await operator.getByRole('button', { name: 'Save pipeline' }).click()
    await operator.waitForURL(/\/pipelines\/[0-9a-f-]{36}$/, LONG)
    await expect.poll(() => operator.getByTestId('save-status').textContent(), LONG).toBe('Saved')
    pipelineId = operator.url().split('/').at(-1)!
    const saved = await operatorDb.from('flow_templates').select('name, nodes, edges').eq('id', pipelineId).single()
    expect(saved.error).toBeNull()
    expect(saved.data!.name).toBe(PIPELINE)
    expect(saved.data!.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['approval-1', 'build-1', 'deploy-1', 'source-1'])
    expect(saved.data!.edges.map((e: { source: string; target: string }) => `${e.source}>${e.target}`).sort())
      .toEqual(['approval-1>deploy-1', 'build-1>approval-1', 'source-1>build-1'])

    await operator.getByRole('button', { name: 'Run', exact: true }).click()
    const dialog = operator.getByRole('dialog')
    await dialog.getByLabel('Target environment').selectOption('prod')
    await dialog.getByLabel('Version').fill(VERSION)
    await dialog.getByRole('button', { name: 'Start run' }).click()
    await operator.waitForURL(/\/executions\/[0-9a-f-]{36}$/, LONG)
    executionId = operator.url().split('/').at(-1)!
    await markPage(operator)

    // The engine moves the run on its own; the page follows through Realtime.
    await waitForStatus(operator, 'source-1', 'success')
    await waitForStatus(operator, 'build-1', 'success')
    await waitForStatus(operator, 'approval-1', 'waiting')
    await expect.poll(() => operator.getByTestId('node-approval-1').textContent()).toContain('Blocked on gate')
    expect(await statusOf(operator, 'deploy-1')).toBe('pending')
    await expect.poll(() => operator.getByTestId('execution-status').getAttribute('data-status'), LONG).toBe('paused')
    expect(await stillSamePage(operator)).toBe(true)
    // What the viewer journey must not find, the operator has here (the check is not blind to it).
    expect(await enabledControls(operator)).toContain('button "Cancel run"')
    await shot(operator, 'journey-1-operator-run-blocked-on-gate.png')
  }, 120_000)

  it('2. an admin in a second browser casts the deciding approval from home; the operator\'s page moves on without reload', async () => {
    const request = await waitForRequest(executionId)
    expect(request.required_approvals).toBe(3)
    for (const email of ['lead@opzenix.dev', 'sre@opzenix.dev']) {
      const voter = await signIn(stack, email)
      const { error } = await voter.from('approval_votes')
        .insert({ approval_request_id: request.id, project_id: DEMO.project, vote: 'approve', comment: `Approved by ${email}` })
      expect(error).toBeNull()
    }

    adminBrowser = await openBrowser()
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    // The seed locks prod ("Production changes need an admin") and the engine never breaks glass: unlock first.
    await nav(admin, 'Environments')
    await admin.getByTestId('env-prod').getByRole('link', { name: 'Production' }).click()
    await admin.getByRole('heading', { name: 'Version history' }).waitFor()
    if (await admin.getByTestId('env-prod').getAttribute('data-locked') === 'true') {
      await admin.getByRole('button', { name: 'Unlock prod' }).click()
      await admin.getByRole('dialog').getByLabel('Reason').fill('Release window for the checkout release')
      await admin.getByRole('dialog').getByRole('button', { name: 'Confirm unlock' }).click()
      await expect.poll(() => admin.getByTestId('env-prod').getAttribute('data-locked'), LONG).toBe('false')
    }

    // Govern mode (an admin's default) puts the approvals waiting for them first on the home page.
    await nav(admin, 'Control tower')
    await admin.getByTestId('home-govern').waitFor()
    const card = admin.getByTestId(`approval-${request.id}`)
    await expect.poll(() => card.getByTestId('approval-count').textContent(), LONG).toBe('2 of 3 approvals')
    await card.getByLabel('Comment').fill('Canary clean, ship it')
    await card.getByRole('button', { name: 'Approve' }).click()

    await waitForStatus(operator, 'approval-1', 'success')
    await waitForStatus(operator, 'deploy-1', 'success')
    await expect.poll(() => operator.getByTestId('execution-status').getAttribute('data-status'), LONG).toBe('success')
    expect(await stillSamePage(operator)).toBe(true)

    const votes = await operatorDb.from('approval_votes').select('user_id, comment').eq('approval_request_id', request.id)
    expect(votes.data).toContainEqual({ user_id: DEMO.users.admin, comment: 'Canary clean, ship it' })
    await shot(operator, 'journey-2-operator-run-succeeded.png')
    await shot(admin, 'journey-2-admin-home-after-approval.png')
  }, 120_000)

  it('3. the admin rolls prod back with a reason; the board shows the earlier version, the history marks the rollback, the audit trail records it live', async () => {
    // The operator watches the board, reached by client-side navigation from the run page (still no reload).
    await nav(operator, 'Environments')
    await expect.poll(() => operator.getByTestId('env-prod-version').textContent(), LONG).toBe(VERSION)

    await nav(admin, 'Environments')
    await admin.getByTestId('env-prod').getByRole('link', { name: 'Production' }).click()
    await expect.poll(() => admin.getByTestId('env-prod-version').textContent(), LONG).toBe(VERSION)
    // A second tab on the audit trail, left open: the rollback's entries must arrive without a reload.
    const trail = await adminBrowser.context.newPage()
    await trail.goto(`${app.url}/audit`)
    const auditTotal = async () => Number((await trail.getByTestId('audit-total').textContent())?.split(' ')[0])
    await trail.getByTestId('audit-total').waitFor()
    const entriesBefore = await auditTotal()
    await markPage(trail)
    await markPage(admin)
    await admin.getByRole('button', { name: `Roll back to ${previousProdVersion}` }).waitFor()
    expect(await enabledControls(admin)).toEqual(expect.arrayContaining(['button "Lock prod"', 'button "Run smoke test"', `button "Roll back to ${previousProdVersion}"`]))
    const reason = 'Checkout latency regression after 2.0.0'
    await admin.getByRole('button', { name: `Roll back to ${previousProdVersion}` }).click()
    await admin.getByRole('dialog').getByLabel('Reason').fill(reason)
    await admin.getByRole('dialog').getByRole('button', { name: 'Confirm rollback' }).click()

    await expect.poll(() => admin.getByTestId('env-prod-version').textContent(), LONG).toBe(previousProdVersion)
    await expect.poll(() => operator.getByTestId('env-prod-version').textContent(), LONG).toBe(previousProdVersion)
    const newest = admin.getByTestId('version-row').first()
    await expect.poll(() => newest.getAttribute('data-version'), LONG).toBe(previousProdVersion)
    expect(await newest.getAttribute('data-current')).toBe('true')
    expect(await newest.getByTestId('rollback-badge').isVisible()).toBe(true)
    expect(await newest.textContent()).toContain(`Rollback reason: ${reason}`)
    const replaced = admin.locator(`[data-testid="version-row"][data-version="${VERSION}"]`)
    await expect.poll(() => replaced.textContent(), LONG).toContain('Rolled back')
    expect(await stillSamePage(admin)).toBe(true)
    expect(await stillSamePage(operator)).toBe(true)
    await expect.poll(auditTotal, LONG).toBeGreaterThan(entriesBefore)
    await expect.poll(() => trail.getByTestId('audit-row').first().textContent(), LONG).toMatch(/deployment/i)
    expect(await stillSamePage(trail)).toBe(true)
    await shot(trail, 'journey-3-admin-audit-trail-live.png')
    await shot(admin, 'journey-3-admin-prod-rolled-back.png')
    await shot(operator, 'journey-3-operator-board-after-rollback.png')
  }, 120_000)

  it('4. the admin deletes the pipeline; it leaves the list and its run stays in the history', async () => {
    await nav(admin, 'Pipelines')
    const table = admin.getByRole('table', { name: 'Pipelines' })
    await table.getByRole('link', { name: PIPELINE }).waitFor()
    await admin.getByRole('button', { name: `Delete ${PIPELINE}` }).click()
    await admin.getByRole('dialog').getByRole('button', { name: 'Delete pipeline' }).click()
    // The open dialog hides the page from the accessibility tree, so wait for it to close before looking.
    await admin.getByRole('dialog').waitFor({ state: 'detached' })
    await expect.poll(() => table.getByRole('link', { name: PIPELINE }).count(), LONG).toBe(0)
    const pipeline = await operatorDb.from('flow_templates').select('id').eq('id', pipelineId)
    expect(pipeline.data).toEqual([])
    const run = await operatorDb.from('executions').select('status, flow_template_id').eq('id', executionId).single()
    expect(run.data).toEqual({ status: 'success', flow_template_id: null })
    // Operators get no delete control (and the database would refuse them).
    await nav(operator, 'Pipelines')
    await operator.getByRole('table', { name: 'Pipelines' }).waitFor()
    expect(await operator.getByRole('button', { name: /^Delete / }).count()).toBe(0)
  }, 120_000)
})

async function waitForRequest(execution: string): Promise<{ id: string; required_approvals: number }> {
  let found: { id: string; required_approvals: number } | null = null
  await expect.poll(async () => {
    const { data } = await operatorDb.from('approval_requests').select('id, required_approvals').eq('execution_id', execution).maybeSingle()
    found = data
    return Boolean(found)
  }, LONG).toBe(true)
  return found!
}
