import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { invoke, waitFor } from '../../test/functions/helpers.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// Issue 10, environments and configuration: an admin adds qa between dev and staging (before staging), edits its
// configuration (a GitHub token pasted as a variable is refused with the sentence, a secret reference is
// accepted), and a run (source → build → deploy qa) deploys there; qa's page shows the deployed version and the configuration version.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 30_000 }
const STEP = 90_000
const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJklmnopqr'
const REFUSAL = 'Variable GH_ACCESS looks like a secret (the value looks like a GitHub token). Use a secret reference instead'
const VERSION = '3.0.0-qa'

let stack: TestStack
let app: RunningApp
let browser: Browser
let admin: Page
let operatorDb: Client

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('environments and configuration in Chromium', () => {
  skipAfterFirstFailure()

  it('1. an admin creates qa before staging; the chain shows it third, after dev and uat', async () => {
    admin = await signInPage(browser, app.url, 'admin@opzenix.dev')
    await nav(admin, 'Environments')
    await admin.getByRole('button', { name: 'New environment' }).click()
    const form = admin.getByRole('form', { name: 'New environment' })
    await form.getByLabel('Key').fill('qa')
    await form.getByLabel('Display name').fill('QA')
    await form.getByLabel('Tier').selectOption('testing')
    await form.getByLabel('Position').selectOption({ label: 'Before Staging' })
    await form.getByRole('button', { name: 'Create environment' }).click()
    await expect.poll(() => form.isVisible(), LONG).toBe(false)

    const chain = admin.getByRole('list', { name: 'Chain order' })
    await expect.poll(() => chain.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-testid'))), LONG)
      .toEqual(['chain-dev', 'chain-uat', 'chain-qa', 'chain-staging', 'chain-preprod', 'chain-prod'])
    const { data } = await operatorDb.from('environments').select('key, position').eq('project_id', DEMO.project).order('position')
    expect(data!.map((e) => e.key)).toEqual(['dev', 'uat', 'qa', 'staging', 'preprod', 'prod'])
    await shot(admin, 'environment-admin-1-chain.png')
  }, STEP)

  it('2. the admin edits qa\'s configuration: a token as a variable is refused with the sentence, a secret reference is saved', async () => {
    await admin.goto(`${app.url}/environments/qa`)
    const section = admin.getByTestId('configuration')
    await section.getByRole('button', { name: 'Edit configuration' }).click()
    const editor = admin.getByRole('form', { name: 'Configuration editor' })
    await editor.getByRole('button', { name: 'Add variable' }).click()
    await editor.getByLabel('Variable 1 name').fill('LOG_LEVEL')
    await editor.getByLabel('Variable 1 value').fill('debug')
    await editor.getByRole('button', { name: 'Add variable' }).click()
    await editor.getByLabel('Variable 2 name').fill('GH_ACCESS')
    await editor.getByLabel('Variable 2 value').fill(TOKEN)
    // The editor warns while typing, with the database's sentence …
    await expect.poll(() => editor.getByText(REFUSAL).count(), LONG).toBe(1)
    await editor.getByLabel('Reason').fill('QA needs GitHub access')
    await editor.getByRole('button', { name: 'Save as version 1' }).click()
    // … and saving anyway is refused by the function (the database would refuse it too), nothing stored.
    await expect.poll(() => admin.getByTestId('config-save-refusal').textContent(), LONG).toContain(REFUSAL)
    expect((await operatorDb.from('environment_config_versions').select('id').eq('environment_id', await qaId())).data).toEqual([])
    await shot(admin, 'environment-admin-2-refused.png')

    await editor.getByRole('button', { name: 'Remove variable 2' }).click()
    await editor.getByRole('button', { name: 'Add secret reference' }).click()
    await editor.getByLabel('Secret 1 name').fill('GITHUB_TOKEN')
    await editor.getByLabel('Secret 1 provider').selectOption('edge_function_secret')
    await editor.getByLabel('Secret 1 key').fill('QA_GITHUB_TOKEN')
    await editor.getByLabel('Reason').fill('QA reads GitHub through a secret reference')
    await editor.getByRole('button', { name: 'Save as version 1' }).click()
    await expect.poll(() => editor.isVisible(), LONG).toBe(false)
    await expect.poll(() => section.getByRole('table', { name: 'Secret references' }).innerText(), LONG).toContain('QA_GITHUB_TOKEN')
    await expect.poll(() => admin.getByTestId('config-version-1').innerText(), LONG).toContain('QA reads GitHub through a secret reference')
    const { data } = await operatorDb.from('environment_config_versions').select('version, variables, secrets, created_by').eq('environment_id', await qaId())
    expect(data).toEqual([{
      version: 1, variables: { LOG_LEVEL: 'debug' }, created_by: DEMO.users.admin,
      secrets: [{ name: 'GITHUB_TOKEN', provider: 'edge_function_secret', key: 'QA_GITHUB_TOKEN' }],
    }])
    await shot(admin, 'environment-admin-3-saved.png')
  }, STEP)

  it('3. a run deploys to qa, and qa\'s page shows the version', async () => {
    const nodes = [
      { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Source', config: { repository: 'acme/payments-api' } } },
      { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: { label: 'Build', config: { executor: { type: 'simulated', duration_ms: 500, outcome: 'success', log_lines: ['built payments-api'] } } } },
      { id: 'deploy-qa', type: 'deploy', position: { x: 400, y: 0 }, data: { label: 'Deploy QA', config: { environment: 'qa' } } },
    ]
    const edges = [
      { id: 'source->build', source: 'source', target: 'build', data: { on: 'success' } },
      { id: 'build->deploy-qa', source: 'build', target: 'deploy-qa', data: { on: 'success' } },
    ]
    const { data: pipeline, error } = await operatorDb.from('flow_templates')
      .insert({ project_id: DEMO.project, name: 'Deploy to QA', type: 'cicd', nodes, edges, created_by: DEMO.users.operator }).select('id').single()
    expect(error).toBeNull()
    const started = await invoke(operatorDb, 'pipeline-execute', { flow_template_id: pipeline!.id, version: VERSION })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    const status = await waitFor(async () => {
      const { data } = await operatorDb.from('executions').select('status').eq('id', started.body.execution_id).single()
      return ['success', 'warning', 'failed', 'cancelled'].includes(data!.status) ? data!.status : undefined
    }, 60_000, 'the qa run to finish')
    expect(status).toBe('success')
    const { data: current } = await operatorDb.from('deployment_versions').select('version_tag').eq('environment_id', await qaId()).eq('is_current', true).single()
    expect(current!.version_tag).toBe(VERSION)

    await admin.reload()
    await expect.poll(() => admin.getByRole('main').innerText(), LONG).toContain(VERSION)
    await shot(admin, 'environment-admin-4-deployed.png')
  }, STEP)
})

async function qaId(): Promise<string> {
  const { data, error } = await operatorDb.from('environments').select('id').eq('project_id', DEMO.project).eq('key', 'qa').single()
  if (error) throw error
  return data.id
}
