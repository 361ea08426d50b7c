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

// Issue 13, GitHub Actions import: an operator pastes a workflow from the corpus (a fan-out of three test jobs
// into a package job and a deploy to staging), sees what it becomes and what does not carry over, creates the
// pipeline, and finds it in the builder with the stages, the gate staging asks for and the deploy.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('importing a GitHub Actions workflow in Chromium', () => {
  skipAfterFirstFailure()

  it('1. the dialog shows what the pasted workflow becomes and names what does not carry over, by line', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/pipelines`)
    await page.getByRole('button', { name: 'Import workflow' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('textbox', { name: 'Repository' }).fill('acme/payments-api')
    await dialog.getByRole('textbox', { name: 'Workflow file' }).fill('.github/workflows/fan-out.yml')
    const workflow = await readFile(path.resolve(here, '../../test/fixtures/github-actions/28-fan-out-fan-in.yml'), 'utf8')
    await dialog.getByRole('textbox', { name: 'Workflow YAML' }).fill(workflow.replace('name: Fan out', 'name: Fan out import').concat('permissions:\n  contents: read\n'))
    await expect.poll(() => dialog.getByTestId('import-summary').textContent(), LONG).toMatch(/^“Fan out import”: \d+ stages, \d+ connections \(1 deploys\)\.$/)
    const lines = workflow.split('\n').length
    expect(await dialog.getByTestId('import-notes').textContent()).toContain(`Line ${lines}: \`permissions\` is not carried over`)
    expect(await dialog.getByTestId('import-notes').textContent()).toContain('jobs.deploy.steps: the job becomes an Opzenix deploy to staging; its steps do not run')
  }, STEP)

  it('2. "Create pipeline" saves it and opens it in the builder: the jobs, the staging gate, the deploy', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Create pipeline' }).click()
    await page.waitForURL(/\/pipelines\/[0-9a-f-]{36}$/, LONG)
    for (const id of ['source', 'setup', 'test-api', 'test-web', 'test-worker', 'package', 'deploy']) {
      await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor(LONG)
    }
    const [{ required_approvals: approvals }] = await sql(stack, "select required_approvals from public.environments where project_id = $1 and key = 'staging'", [DEMO.project])
    expect(await page.locator('.react-flow__node[data-id="deploy-approval"]').count()).toBe(approvals > 0 ? 1 : 0)
    const [saved] = await sql(stack, "select nodes from public.flow_templates where project_id = $1 and name = 'Fan out import'", [DEMO.project])
    const setup = saved.nodes.find((n: { id: string }) => n.id === 'setup')
    expect(setup.data.config.executor).toEqual({ type: 'github_workflow', workflow: '.github/workflows/fan-out.yml', inputs: { opzenix_job: 'setup' } })
  }, STEP)
})
