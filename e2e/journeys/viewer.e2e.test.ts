import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { enabledControls } from '../lib/controls.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// Journey 4 of issue 4: a viewer walks through every page of the seeded project, sees its data, and finds no
// enabled control that would change anything. Each page is checked for its data first, so that "no controls"
// cannot pass on a page that did not render.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const VERSION = /^\d+\.\d+\.\d+/
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
/** What the seed holds, read as the viewer (RLS lets them read it all): the run paused on a gate and its pipeline. */
let seeded: {
  run: { id: string; gate: string; passed: string }
  pipeline: { id: string; name: string; deployLabel: string }
  approval: { id: string; approval_count: number; required_approvals: number }
}

const go = (name: string) => nav(page, name)
const noStateChanges = async () => expect(await enabledControls(page)).toEqual([])

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  await mkdir(ARTIFACTS, { recursive: true })
  seeded = await readSeed()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('a viewer in Chromium', () => {
  skipAfterFirstFailure()

  it('sees the control tower home in Monitor mode with live data and nothing to change', async () => {
    page = await signInPage(browser, app.url, 'viewer@opzenix.dev')
    expect(await page.getByTestId('user-role').textContent()).toBe('viewer')
    await page.getByTestId('home-monitor').waitFor()
    await expect.poll(() => page.getByTestId('env-prod-version').textContent(), LONG).toMatch(VERSION)
    await noStateChanges()
  }, STEP)

  it('sees the pipelines, but New pipeline is disabled', async () => {
    await go('Pipelines')
    await page.getByRole('table', { name: 'Pipelines' }).locator(`a[href="/pipelines/${seeded.pipeline.id}"]`).waitFor()
    const create = page.getByRole('button', { name: 'New pipeline' })
    expect(await create.isDisabled()).toBe(true)
    expect(await page.getByRole('link', { name: 'New pipeline' }).count()).toBe(0)
    await noStateChanges()
  }, STEP)

  it('opens a pipeline in the builder read-only: no palette, save or run, and Delete deletes nothing', async () => {
    await page.getByRole('table', { name: 'Pipelines' }).locator(`a[href="/pipelines/${seeded.pipeline.id}"]`).click()
    const canvas = page.getByTestId('pipeline-canvas')
    await canvas.getByRole('group', { name: `Deploy: ${seeded.pipeline.deployLabel}`, exact: true }).click()
    await page.getByText('You can look at this pipeline but not change it').waitFor()
    const nodes = await canvas.getAttribute('data-node-count')
    expect(Number(nodes)).toBeGreaterThan(4)
    // The side panel shows the settings, in a disabled fieldset.
    const settings = page.getByRole('form', { name: `${seeded.pipeline.deployLabel} settings` })
    expect(await settings.getByLabel('Environment').inputValue()).toBe('prod')
    expect(await settings.getByLabel('Environment').isDisabled()).toBe(true)
    await page.keyboard.press('Delete')
    expect(await canvas.getAttribute('data-node-count')).toBe(nodes)
    expect(await page.getByRole('toolbar', { name: 'Stage palette' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Save pipeline' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0)
    await noStateChanges()
  }, STEP)

  it('follows a run waiting on a gate, without Cancel run', async () => {
    await go('Runs')
    await page.getByTestId(`execution-row-${seeded.run.id}`).getByRole('link').first().click()
    await page.waitForURL(`**/executions/${seeded.run.id}`)
    await expect.poll(() => page.getByTestId(`node-${seeded.run.gate}`).getAttribute('data-status'), LONG).toBe('waiting')
    expect(await page.getByTestId(`node-${seeded.run.passed}`).getAttribute('data-status')).toBe('success')
    expect(await page.getByTestId('execution-status').getAttribute('data-status')).toBe('paused')
    expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0)
    await noStateChanges()
  }, STEP)

  it('sees the pending approval and why they cannot vote: no Approve, Reject or comment', async () => {
    await go('Approvals')
    const card = page.getByTestId(`approval-${seeded.approval.id}`)
    await expect.poll(() => card.getByTestId('approval-count').textContent(), LONG)
      .toBe(`${seeded.approval.approval_count} of ${seeded.approval.required_approvals} approvals`)
    expect(await card.getByTestId('vote-unavailable').textContent()).toMatch(/viewer/)
    expect(await page.getByRole('button', { name: /^(Approve|Reject)$/ }).count()).toBe(0)
    expect(await page.getByLabel('Comment').count()).toBe(0)
    await noStateChanges()
  }, STEP)

  it('sees the environment board and an environment\'s history, with no rollback or lock controls', async () => {
    await go('Environments')
    await expect.poll(() => page.getByTestId('env-prod-version').textContent(), LONG).toMatch(VERSION)
    await noStateChanges()

    await page.getByTestId('env-prod').getByRole('link', { name: 'Production' }).click()
    await page.getByRole('list', { name: 'Version history of prod' }).waitFor()
    expect(await page.getByTestId('version-row').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('rollback-badge').count()).toBeGreaterThan(0)
    expect(await page.getByRole('button', { name: /^Roll back to / }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /^(Lock|Unlock) prod$/ }).count()).toBe(0)
    await noStateChanges()
    await page.screenshot({ path: path.join(ARTIFACTS, 'journey-4-viewer-environment-read-only.png'), fullPage: true })
  }, STEP)
})

async function readSeed(): Promise<typeof seeded> {
  const db = await signIn(stack, 'viewer@opzenix.dev')
  const run = await db.from('executions').select('id, flow_template_id').eq('status', 'paused')
    .order('started_at', { ascending: false }).limit(1).single()
  if (run.error) throw run.error
  const nodes = await db.from('execution_nodes').select('node_id, status').eq('execution_id', run.data.id)
  const pipeline = await db.from('flow_templates').select('id, name, nodes').eq('id', run.data.flow_template_id).single()
  const approval = await db.from('approval_requests').select('id, approval_count, required_approvals')
    .eq('execution_id', run.data.id).eq('status', 'pending').single()
  if (nodes.error || pipeline.error || approval.error) throw nodes.error ?? pipeline.error ?? approval.error
  // The builder's stored form: { id, type: <kind>, position, data: { label, config } }.
  type StoredNode = { type: string; data: { label: string; config: { environment?: string } } }
  const deploy = (pipeline.data.nodes as StoredNode[]).find((n) => n.type === 'deploy' && n.data.config.environment === 'prod')
  const statusOf = (status: string) => nodes.data.find((n) => n.status === status)?.node_id
  if (!deploy || !statusOf('waiting') || !statusOf('success')) throw new Error('the seed has no run paused on a gate before a prod deploy')
  return {
    run: { id: run.data.id, gate: statusOf('waiting')!, passed: statusOf('success')! },
    pipeline: { id: pipeline.data.id, name: pipeline.data.name, deployLabel: deploy.data.label },
    approval: approval.data,
  }
}
