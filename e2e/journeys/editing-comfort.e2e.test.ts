import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { canvasNode as nodeOnCanvas, insertPipeline, releasePipeline } from '../lib/pipelines.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 13, editing comfort: "Find a node" selects a far-away node and brings it to the middle of the canvas;
// Ctrl+C / Ctrl+V copy two connected nodes as new ones with their edge; Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the Redo
// button undo and redo the paste; the copies save with their new ids.
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
const nodeIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))
// Selected from the keyboard: zoomed out, the pasted copy sits on top of the original.
const selectNode = async (id: string) => {
  await canvasNode(id).focus()
  await page.keyboard.press('Enter')
  await page.getByRole('textbox', { name: 'Name', exact: true }).waitFor(LONG)
}
const center = async (locator: ReturnType<Page['locator']>) => {
  const box = (await locator.boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  pipelineId = await insertPipeline(operatorDb, 'Comfort journey', releasePipeline(
    [{ id: 'build', kind: 'build', label: 'Build' }, { id: 'test', kind: 'test', label: 'Unit tests' }],
    { label: 'Ship to dev', x: 6000, y: 1600 },
  ))
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('editing comfort in the builder', () => {
  skipAfterFirstFailure()

  it('1. "Find a node" selects the far-away deploy and centres the canvas on it', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/pipelines/${pipelineId}`)
    await canvasNode('build').waitFor(LONG)
    const find = page.getByRole('searchbox', { name: 'Find a node' })
    await find.fill('ship')
    await find.press('Enter')
    await expect.poll(() => page.getByTestId('find-node-status').textContent(), LONG).toBe('1 of 1')
    await expect.poll(() => canvasNode('dev').getAttribute('class'), LONG).toMatch(/\bselected\b/)
    const canvas = await center(page.getByTestId('pipeline-canvas'))
    await expect.poll(async () => {
      const node = await center(canvasNode('dev'))
      return Math.abs(node.x - canvas.x) < 4 && Math.abs(node.y - canvas.y) < 4
    }, LONG).toBe(true)
    await find.fill('nothing like it')
    await find.press('Enter')
    await expect.poll(() => page.getByTestId('find-node-status').textContent(), LONG).toBe('No match')
  }, STEP)

  it('2. Ctrl+C and Ctrl+V copy two connected nodes as new ones, with the edge between them', async () => {
    await page.getByRole('searchbox', { name: 'Find a node' }).fill('unit')
    await page.getByRole('searchbox', { name: 'Find a node' }).press('Enter')
    await canvasNode('test').waitFor(LONG)
    await canvasNode('build').click({ modifiers: ['Control'] })
    await expect.poll(async () => [await canvasNode('build').getAttribute('class'), await canvasNode('test').getAttribute('class')].every((c) => /\bselected\b/.test(c ?? '')), LONG).toBe(true)
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await expect.poll(nodeIds, LONG).toEqual(['src', 'build', 'test', 'dev', 'build-1', 'test-1'])
    expect(await canvasNode('build-1').textContent()).toContain('Build (copy)')
    expect(await canvasNode('test-1').textContent()).toContain('Unit tests (copy)')
    await page.getByTestId('rf__edge-build-1->test-1').waitFor({ state: 'attached', ...LONG })
    expect(await page.locator('.react-flow__edge').count()).toBe(4)
    await page.getByText('Unsaved changes').first().waitFor(LONG)
  }, STEP)

  it('3. undo and redo the paste from the keyboard and the toolbar', async () => {
    const redo = page.getByRole('button', { name: 'Redo' })
    expect(await redo.isDisabled()).toBe(true)
    await page.keyboard.press('Control+z')
    await expect.poll(() => canvasNode('build-1').count(), LONG).toBe(0)
    expect(await redo.isEnabled()).toBe(true)
    await page.keyboard.press('Control+Shift+z')
    await canvasNode('build-1').waitFor(LONG)
    await page.keyboard.press('Control+z')
    await expect.poll(() => canvasNode('test-1').count(), LONG).toBe(0)
    await page.keyboard.press('Control+y')
    await canvasNode('test-1').waitFor(LONG)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => canvasNode('test-1').count(), LONG).toBe(0)
    await redo.click()
    await canvasNode('test-1').waitFor(LONG)
    expect(await redo.isDisabled()).toBe(true)
  }, STEP)

  it('4. the copies save with their new ids and their edge', async () => {
    await page.getByRole('button', { name: 'Save pipeline' }).click()
    await page.getByText('Pipeline saved').first().waitFor(LONG)
    const { data } = await operatorDb.from('flow_templates').select('nodes, edges').eq('id', pipelineId).single()
    expect((data!.nodes as Array<{ id: string; data: { label: string } }>).map((n) => [n.id, n.data.label])).toEqual([
      ['src', 'Checkout'], ['build', 'Build'], ['test', 'Unit tests'], ['dev', 'Ship to dev'], ['build-1', 'Build (copy)'], ['test-1', 'Unit tests (copy)'],
    ])
    expect((data!.edges as Array<{ id: string }>).map((e) => e.id)).toContain('build-1->test-1')
    await page.screenshot({ path: path.resolve(here, '../artifacts/editing-comfort.png'), fullPage: true })
  }, STEP)

  it('5. unsaved changes outlive a reload: this browser keeps them, and offers them back', async () => {
    page.on('dialog', (dialog) => void dialog.accept())
    await selectNode('test')
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Unit tests, all of them')
    await page.getByText('Unsaved changes').first().waitFor(LONG)
    await expect.poll(() => page.evaluate((id) => localStorage.getItem(`opzenix:pipeline-draft:${id}`)?.includes('Unit tests, all of them') ?? false, pipelineId), LONG).toBe(true)
    await page.reload()
    const notice = page.getByTestId('draft-notice')
    await notice.waitFor(LONG)
    expect(await canvasNode('test').textContent()).toContain('Unit tests')
    expect(await canvasNode('test').textContent()).not.toContain('all of them')
    await notice.getByRole('button', { name: 'Restore my changes' }).click()
    await expect.poll(() => canvasNode('test').textContent(), LONG).toContain('Unit tests, all of them')
    await page.getByText('Unsaved changes').first().waitFor(LONG)
  }, STEP)

  it('6. discarded, the kept changes are gone; saved, there is nothing to offer', async () => {
    await page.reload()
    await page.getByTestId('draft-notice').getByRole('button', { name: 'Discard them' }).click()
    await page.reload()
    await canvasNode('test').waitFor(LONG)
    expect(await page.getByTestId('draft-notice').count()).toBe(0)
    await selectNode('test')
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Unit tests (saved)')
    await page.getByRole('button', { name: 'Save pipeline' }).click()
    await page.getByText('Pipeline saved').first().waitFor(LONG)
    await page.reload()
    await canvasNode('test').waitFor(LONG)
    expect(await canvasNode('test').textContent()).toContain('Unit tests (saved)')
    expect(await page.getByTestId('draft-notice').count()).toBe(0)
  }, STEP)
})
