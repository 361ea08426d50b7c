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
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { nav, signInPage } from '../lib/session.ts'

// Issue 13, the template library: a template of each flow type is found by its type, previewed as a graph,
// made into a pipeline of the operator's project, opened in the builder with that type's palette and run to
// the end on the simulated executor; its card then counts the use. A pipeline published as an organization
// template appears in the library for a viewer of the organization and for no one outside it.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 45_000 }
const STEP = 150_000
const tag = String(process.pid)

const STARTERS = [
  { type: 'cicd', label: 'CI/CD', name: 'Container service: build, test, scan, deploy', stage: 'Security scan' },
  { type: 'mlops', label: 'MLOps', name: 'Model training and serving', stage: 'Train' },
  { type: 'llmops', label: 'LLMOps', name: 'Prompt release with evals and a canary', stage: 'Guardrail check' },
  { type: 'infrastructure', label: 'Infrastructure', name: 'Terraform plan, policy check and apply', stage: 'Policy check' },
  { type: 'security', label: 'Security', name: 'Supply-chain security', stage: 'SBOM' },
] as const

let stack: TestStack
let app: RunningApp
let browser: Browser
let viewerBrowser: Browser | undefined
let page: Page
let operatorDb: Client
let anonDb: Client
const made: Record<string, string> = {}

async function templateRow(name: string) {
  const { data, error } = await anonDb.from('pipeline_templates').select('id, popularity, nodes').is('organization_id', null).eq('name', name).single()
  if (error) throw error
  return data as { id: string; popularity: number; nodes: Array<{ id: string; data: { label: string } }> }
}

/** The library filtered to one flow type and searched for `name`: exactly that card. */
async function findCard(p: Page, typeLabel: string, name: string) {
  await p.getByRole('heading', { name: 'Templates', level: 1 }).waitFor()
  await p.getByRole('group', { name: 'Flow type' }).getByRole('button', { name: typeLabel, exact: true }).click()
  await p.getByLabel('Search templates').fill(name)
  const cards = p.getByTestId('template-card')
  await expect.poll(() => cards.count(), LONG).toBe(1)
  expect(await cards.first().getByRole('heading').textContent()).toBe(name)
  return cards.first()
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS ||= '200'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  anonDb = stack.anon()
  page = await signInPage(browser, app.url, 'operator@opzenix.dev')
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await viewerBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('template library', () => {
  skipAfterFirstFailure()

  for (const [i, starter] of STARTERS.entries()) {
    it(`${i + 1}. the ${starter.label} starter becomes a pipeline that runs to the end`, async () => {
      const before = await templateRow(starter.name)
      await nav(page, 'Templates')
      await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor()
      const card = await findCard(page, starter.label, starter.name)
      await card.getByRole('button', { name: `Open ${starter.name}` }).click()

      // The preview draws the template's own stages, read-only.
      const dialog = page.getByRole('dialog')
      const preview = dialog.getByTestId('template-preview')
      await expect.poll(() => preview.locator('.react-flow__node').count(), LONG).toBe(before.nodes.length)
      expect(await preview.getAttribute('aria-label')).toBe(`Graph of ${starter.name}: ${before.nodes.map((n) => n.data.label).join(' → ')}`)

      const name = `${starter.label} from template ${tag}`
      await dialog.getByLabel('New pipeline name').fill(name)
      await dialog.getByRole('button', { name: 'Create pipeline' }).click()
      await page.waitForURL(/\/pipelines\/[0-9a-f-]{36}$/, LONG)
      const id = page.url().split('/').pop()!
      made[starter.type] = id

      // The builder opens it with the flow type's own palette.
      const palette = page.getByRole('toolbar', { name: 'Stage palette' })
      await expect.poll(() => palette.getAttribute('data-flow-type'), LONG).toBe(starter.type)
      await palette.getByRole('button', { name: `Add ${starter.stage}`, exact: true }).waitFor()
      expect(await page.getByLabel('Pipeline name').inputValue()).toBe(name)
      const { data: stored } = await operatorDb.from('flow_templates').select('type, nodes').eq('id', id).single()
      expect(stored).toMatchObject({ type: starter.type })
      expect((stored!.nodes as unknown[]).length).toBe(before.nodes.length)

      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Start run' }).click()
      await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, LONG)
      await expect.poll(() => page.getByTestId('execution-status').getAttribute('data-status'), { timeout: 90_000 }).toBe('success')
      for (const node of before.nodes) {
        expect([node.id, await page.getByTestId(`node-${node.id}`).getAttribute('data-status')]).toEqual([node.id, 'success'])
      }

      // The use is counted: the database's number, and the card says so.
      expect((await templateRow(starter.name)).popularity).toBe(before.popularity + 1)
      await nav(page, 'Templates')
      const after = await findCard(page, starter.label, starter.name)
      await expect.poll(() => after.getByTestId('card-usage').textContent(), LONG).toBe(before.popularity === 0 ? 'Used once' : `Used ${before.popularity + 1} times`)
    }, STEP)
  }

  it('6. a pipeline published as an organization template shows in the library for the organization only', async () => {
    const templateName = `Acme ML lane ${tag}`
    await nav(page, 'Templates')
    await page.getByRole('button', { name: 'Publish a pipeline' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Pipeline').selectOption({ label: `MLOps from template ${tag}` })
    await dialog.getByLabel('Template name').fill(templateName)
    await dialog.getByLabel('Category').fill('Internal')
    await dialog.getByLabel('Tags').fill('fraud, internal')
    await dialog.getByRole('radio', { name: /Everyone in/ }).check()
    await dialog.getByRole('button', { name: 'Publish template' }).click()
    await dialog.waitFor({ state: 'detached' })

    // The operator's library now lists it, searched for by name, as an organization template of type MLOps.
    const card = page.getByTestId('template-card').filter({ hasText: templateName })
    await card.waitFor(LONG)
    expect(await card.getByText('Organization', { exact: true }).isVisible()).toBe(true)
    expect(await card.getByText('MLOps', { exact: true }).isVisible()).toBe(true)
    const { data: row } = await operatorDb.from('pipeline_templates')
      .select('organization_id, is_public, flow_type, created_by, popularity, tags').eq('name', templateName).single()
    expect(row).toEqual({ organization_id: DEMO.acme, is_public: false, flow_type: 'mlops', created_by: DEMO.users.operator, popularity: 0, tags: ['fraud', 'internal'] })

    // A viewer of Acme finds it under its tag and may look but not use it; Globex never sees it.
    // A second browser: its own storage, so its own session.
    viewerBrowser = await openBrowser()
    const viewer = await signInPage(viewerBrowser, app.url, 'viewer@opzenix.dev')
    await nav(viewer, 'Templates')
    await viewer.getByRole('heading', { name: 'Templates', level: 1 }).waitFor()
    await viewer.getByLabel('Tag', { exact: true }).selectOption({ value: 'fraud' })
    const seen = viewer.getByTestId('template-card')
    await expect.poll(() => seen.count(), LONG).toBe(1)
    expect(await seen.first().getByRole('heading').textContent()).toBe(templateName)
    expect(await viewer.getByRole('button', { name: 'Publish a pipeline' }).count()).toBe(0)
    await seen.first().getByRole('button', { name: `Open ${templateName}` }).click()
    await viewer.getByRole('dialog').getByText('Viewers can look at templates; creating a pipeline from one needs the operator role.').waitFor()
    expect(await viewer.getByRole('dialog').getByRole('button', { name: 'Create pipeline' }).count()).toBe(0)

    const globex = await signIn(stack, 'globex@opzenix.dev')
    expect((await globex.from('pipeline_templates').select('id').eq('name', templateName)).data).toEqual([])
  }, STEP)

  it('7. a new pipeline of a chosen flow type starts from that type\'s stages and palette', async () => {
    await nav(page, 'Pipelines')
    await page.getByRole('link', { name: 'New pipeline' }).click()
    await page.getByRole('navigation', { name: 'Start from' }).getByRole('link', { name: 'Security', exact: true }).click()
    await page.waitForURL(/\/pipelines\/new\?type=security$/, LONG)
    const palette = page.getByRole('toolbar', { name: 'Stage palette' })
    await expect.poll(() => palette.getAttribute('data-flow-type'), LONG).toBe('security')
    expect(await page.getByLabel('Pipeline type').inputValue()).toBe('security')
    for (const stage of ['SAST', 'Dependency scan', 'Secrets scan', 'SBOM', 'Image sign', 'Image scan', 'Security gate']) {
      await palette.getByRole('button', { name: `Add ${stage}`, exact: true }).waitFor()
    }
    expect(await palette.getByRole('button', { name: 'Add Train', exact: true }).count()).toBe(0)
    await page.locator('.react-flow__node').filter({ hasText: 'Security gate' }).waitFor()
  }, STEP)

  it('8. a template goes into another project of the organization, which becomes the current one', async () => {
    const service = stack.service()
    const { data: project, error } = await service.from('projects').insert({ organization_id: DEMO.acme, name: `checkout-web-${tag}` }).select('id, name').single()
    expect(error).toBeNull()
    expect((await service.from('environments').insert({ project_id: project!.id, key: 'dev', display_name: 'Development', tier: 'development', position: 0 })).error).toBeNull()

    await page.reload()
    await nav(page, 'Templates')
    const card = await findCard(page, 'CI/CD', 'Go service')
    await card.getByRole('button', { name: 'Open Go service' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Project').selectOption({ label: project!.name })
    await dialog.getByLabel('New pipeline name').fill(`Go in checkout ${tag}`)
    await dialog.getByRole('button', { name: 'Create pipeline' }).click()
    await page.waitForURL(/\/pipelines\/[0-9a-f-]{36}$/, LONG)
    const id = page.url().split('/').pop()!
    await expect.poll(() => page.getByLabel('Pipeline name').inputValue(), LONG).toBe(`Go in checkout ${tag}`)
    const { data: stored } = await operatorDb.from('flow_templates').select('project_id, type').eq('id', id).single()
    expect(stored).toEqual({ project_id: project!.id, type: 'cicd' })
    // The chosen project is now the current one (the sidebar's project switcher says so).
    await expect.poll(() => page.locator('select[aria-label="Project"]').inputValue(), LONG).toBe(project!.id)
  }, STEP)
})
