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
import { canvasNode as nodeOnCanvas, insertPipeline, releasePipeline } from '../lib/pipelines.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 13, version history: two saves with messages become versions 2 and 3 in the builder's History tab, with
// author and message; comparing them shows the removed deploy on a read-only graph and in a list; restoring
// version 2 makes version 4 with the deploy back, which a reload still shows.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let operatorDb: Client
let pipelineId: string

const canvasNode = (id: string) => nodeOnCanvas(page, id)
const message = () => page.getByRole('textbox', { name: 'Save message (optional)' })
const version = (n: number) => page.getByTestId(`version-${n}`)

async function saveWith(text: string) {
  await message().fill(text)
  await page.getByRole('button', { name: 'Save pipeline' }).click()
  await page.getByText('Pipeline saved').first().waitFor(LONG)
  await expect.poll(() => page.getByTestId('save-status').textContent(), LONG).toMatch(/^Saved/)
  expect(await message().inputValue()).toBe('')
}

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  pipelineId = await insertPipeline(operatorDb, 'History journey', releasePipeline([{ id: 'build', kind: 'build', label: 'Build' }]), { save_message: 'Imported from the old CI' })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('pipeline version history in Chromium', () => {
  skipAfterFirstFailure()

  it('1. two saves with messages: a renamed stage, then the deploy removed', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/pipelines/${pipelineId}`)
    await canvasNode('build').waitFor(LONG)
    await canvasNode('build').click()
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Build image')
    await saveWith('Name the build after what it makes')

    await canvasNode('dev').click()
    await page.keyboard.press('Delete')
    await expect.poll(() => canvasNode('dev').count(), LONG).toBe(0)
    await saveWith('Deploy from the release pipeline instead')

    const { data } = await operatorDb.from('flow_template_versions').select('version, message, created_by').eq('flow_template_id', pipelineId).order('version')
    expect(data).toEqual([
      { version: 1, message: 'Imported from the old CI', created_by: DEMO.users.operator },
      { version: 2, message: 'Name the build after what it makes', created_by: DEMO.users.operator },
      { version: 3, message: 'Deploy from the release pipeline instead', created_by: DEMO.users.operator },
    ])
  }, STEP)

  it('2. History lists both versions newest first, with author and message', async () => {
    await page.getByRole('button', { name: 'History', exact: true }).click()
    await expect.poll(() => page.getByTestId('version-count').textContent(), LONG).toBe('3 versions')
    const rows = page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem')
    expect(await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')))).toEqual(['version-3', 'version-2', 'version-1'])
    expect(await version(3).textContent()).toContain('Deploy from the release pipeline instead')
    expect(await version(3).textContent()).toContain('Current')
    expect(await version(3).textContent()).toContain('Otto Operator')
    expect(await version(2).textContent()).toContain('Name the build after what it makes')
    expect(await version(3).getByRole('button', { name: /Restore/ }).count()).toBe(0)
  }, STEP)

  it('3. comparing versions 2 and 3 marks the removed deploy on a read-only graph and lists it', async () => {
    await page.getByRole('checkbox', { name: 'Compare version 3' }).check()
    await page.getByRole('checkbox', { name: 'Compare version 2' }).check()
    await page.getByRole('button', { name: 'Compare version 2 and 3' }).click()
    const dialog = page.getByRole('dialog', { name: 'Version 2 → version 3' })
    await dialog.getByTestId('diff-node-dev').waitFor(LONG)
    expect(await dialog.getByText('0 added, 2 removed, 0 changed.').count()).toBe(1)
    expect(await dialog.getByTestId('diff-node-dev').getAttribute('data-change')).toBe('removed')
    expect(await dialog.getByTestId('diff-node-build').getAttribute('data-change')).toBe('same')
    expect(await dialog.getByTestId('diff-node-build').textContent()).toContain('Build image')
    const changes = dialog.getByRole('list', { name: 'What changed' })
    expect(await changes.getByRole('listitem').allTextContents()).toEqual(['RemovedDeploy dev (deploy)', 'RemovedEdge build → dev'])
    await page.screenshot({ path: path.resolve(here, '../artifacts/pipeline-history-diff.png'), fullPage: true })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', ...LONG })
  }, STEP)

  it('4. restoring version 2 brings the deploy back as version 4, and a reload still shows it', async () => {
    await version(2).getByRole('button', { name: 'Restore version 2' }).click()
    await page.getByRole('dialog', { name: 'Restore version 2?' }).getByRole('button', { name: 'Restore version 2' }).click()
    await page.getByText('Restored version 2').first().waitFor(LONG)
    await canvasNode('dev').waitFor(LONG)
    await expect.poll(() => page.getByTestId('version-count').textContent(), LONG).toBe('4 versions')
    expect(await version(4).textContent()).toContain('Restores version 2')
    expect(await version(4).textContent()).toContain('Current')

    const { data: stored } = await operatorDb.from('flow_templates').select('version, nodes').eq('id', pipelineId).single()
    expect(stored!.version).toBe(4)
    expect((stored!.nodes as Array<{ id: string }>).map((n) => n.id)).toEqual(['src', 'build', 'dev'])

    await page.reload()
    await canvasNode('dev').waitFor(LONG)
    expect(await canvasNode('build').textContent()).toContain('Build image')
    expect(await canvasNode('dev').textContent()).toContain('Deploy dev')
    expect(await page.getByTestId('save-status').textContent()).toBe('Saved')
    await page.getByRole('button', { name: 'History', exact: true }).click()
    await expect.poll(() => page.getByTestId('version-count').textContent(), LONG).toBe('4 versions')
    expect(await version(4).textContent()).toContain('Restored version 2')

    // The restore is in the audit trail like other changes, as the operator's.
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const { data: audit } = await admin.from('audit_logs').select('user_id, after').eq('resource_type', 'flow_template_versions')
      .eq('after->>flow_template_id', pipelineId).eq('after->>version', '4')
    expect(audit!.map((a) => [a.user_id, (a.after as { restored_from: number }).restored_from])).toEqual([[DEMO.users.operator, 2]])
    await page.screenshot({ path: path.resolve(here, '../artifacts/pipeline-history-restored.png'), fullPage: true })
  }, STEP)

  it('5. a long history comes ten versions a page, newest first', async () => {
    for (let v = 4; v < 12; v++) {
      const { data: current } = await operatorDb.from('flow_templates').select('nodes').eq('id', pipelineId).single()
      const nodes = (current!.nodes as Array<{ id: string; position: { x: number; y: number } }>).map((n) => (n.id === 'src' ? { ...n, position: { x: 0, y: v * 10 } } : n))
      const { data } = await operatorDb.from('flow_templates').update({ nodes, version: v + 1, save_message: `Nudge ${v + 1}` })
        .eq('id', pipelineId).eq('version', v).select('version').single()
      expect(data!.version).toBe(v + 1)
    }
    await page.reload()
    await canvasNode('src').waitFor(LONG)
    await page.getByRole('button', { name: 'History', exact: true }).click()
    await expect.poll(() => page.getByTestId('version-count').textContent(), LONG).toBe('12 versions')
    const shown = () => page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')))
    expect(await shown()).toEqual(Array.from({ length: 10 }, (_, i) => `version-${12 - i}`))
    expect(await page.getByText('Page 1 of 2').count()).toBe(1)
    await page.getByRole('button', { name: 'Older' }).click()
    await expect.poll(shown, LONG).toEqual(['version-2', 'version-1'])
    expect(await version(1).textContent()).toContain('Imported from the old CI')
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Newer' }).click()
    await expect.poll(async () => (await shown())[0], LONG).toBe('version-12')
    expect(await version(12).textContent()).toContain('Nudge 12')
  }, STEP)
})
