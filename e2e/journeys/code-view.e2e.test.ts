import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { signIn } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { canvasNode as nodeOnCanvas, insertPipeline, releasePipeline } from '../lib/pipelines.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 13, code, not only pictures: the builder's code view shows the pipeline as YAML; editing it changes the
// canvas, a mistake is named with its line and leaves the canvas alone, a change on the canvas rewrites the code,
// JSON shows the same pipeline, and what was edited as code saves and loads again.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let page: Page
let pipelineId: string

const code = () => page.getByRole('textbox', { name: /^Pipeline as (YAML|JSON)$/ })
const canvasNode = (id: string) => nodeOnCanvas(page, id)

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  browser = await openBrowser()
  const operatorDb = await signIn(stack, 'operator@opzenix.dev')
  pipelineId = await insertPipeline(operatorDb, 'Code view journey', releasePipeline([{ id: 'build', kind: 'build', label: 'Build' }]))
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('the pipeline as code in Chromium', () => {
  skipAfterFirstFailure()

  it('1. "Code" shows the pipeline as YAML: every node with what it needs and where it sits', async () => {
    page = await signInPage(browser, app.url, 'operator@opzenix.dev')
    await page.goto(`${app.url}/pipelines/${pipelineId}`)
    await canvasNode('build').waitFor(LONG)
    await page.getByRole('button', { name: 'Code', exact: true }).click()
    const text = await code().inputValue()
    expect(text.startsWith('name: Code view journey\ntype: cicd\nnodes:\n  - id: src\n    kind: source\n    label: Checkout\n    at: [ 0, 0 ]')).toBe(true)
    expect(text).toContain('  - id: build\n    kind: build\n    label: Build\n    at: [ 240, 0 ]\n    needs: [ src ]')
    expect(await page.getByTestId('code-status').textContent()).toBe('In sync with the canvas')
  }, STEP)

  it('2. editing the YAML changes the canvas: a renamed node, a new one and its connection', async () => {
    const text = (await code().inputValue())
      .replace('label: Build\n', 'label: Build image\n')
      .concat('  - id: notify\n    kind: notify\n    label: Tell the team\n    at: [ 720, 0 ]\n    needs: [ dev ]\n    config:\n      channel: email\n')
    await code().fill(text)
    await expect.poll(() => canvasNode('build').textContent(), LONG).toContain('Build image')
    await canvasNode('notify').waitFor(LONG)
    expect(await canvasNode('notify').textContent()).toContain('Tell the team')
    await expect.poll(() => page.locator('.react-flow__edge').count(), LONG).toBe(3)
    await page.getByText('Unsaved changes').first().waitFor(LONG)
  }, STEP)

  it('3. a mistake is named with its line, and the canvas keeps its last good version', async () => {
    const good = await code().inputValue()
    const lines = good.split('\n')
    const at = lines.indexOf('    needs: [ dev ]')
    lines[at] = '    needs: [ dev, ghost ]'
    await code().fill(lines.join('\n'))
    const errors = page.getByTestId('code-errors')
    await expect.poll(() => errors.textContent(), LONG).toBe(`Line ${at + 1}: "notify" needs "ghost", which is not a node of this pipeline`)
    expect(await page.getByTestId('code-status').textContent()).toBe('1 problem: the canvas keeps its last good version')
    expect(await page.locator('.react-flow__edge').count()).toBe(3)
    await code().fill(good)
    await expect.poll(() => page.getByTestId('code-status').textContent(), LONG).toBe('In sync with the canvas')
  }, STEP)

  it('4. a change on the canvas rewrites the code; JSON shows the same pipeline', async () => {
    await page.getByRole('button', { name: 'Node and checks' }).click()
    await canvasNode('src').click()
    const nameField = page.getByRole('textbox', { name: 'Name', exact: true })
    await nameField.fill('Check out the repo')
    await page.getByRole('button', { name: 'Code', exact: true }).click()
    await expect.poll(() => code().inputValue(), LONG).toContain('label: Check out the repo')
    await page.getByRole('button', { name: 'json', exact: true }).click()
    const json = JSON.parse(await code().inputValue())
    expect(json.nodes.map((n: { id: string; label?: string }) => [n.id, n.label])).toEqual([
      ['src', 'Check out the repo'], ['build', 'Build image'], ['dev', 'Deploy dev'], ['notify', 'Tell the team'],
    ])
    expect(json.nodes[3].needs).toEqual(['dev'])
  }, STEP)

  it('5. what was edited as code saves, and loads again after a reload', async () => {
    await page.getByRole('button', { name: 'Save pipeline' }).click()
    await page.getByText('Pipeline saved').first().waitFor(LONG)
    await page.reload()
    await canvasNode('notify').waitFor(LONG)
    expect(await canvasNode('build').textContent()).toContain('Build image')
    expect(await canvasNode('src').textContent()).toContain('Check out the repo')
  }, STEP)

  it('6. nodes piled on one spot, "Tidy up" lays them out left to right along their connections', async () => {
    await page.getByRole('button', { name: 'Code', exact: true }).click()
    await code().fill((await code().inputValue()).replace(/at: \[ -?\d+, -?\d+ \]/g, 'at: [ 0, 0 ]'))
    await expect.poll(async () => (await canvasNode('notify').boundingBox())?.x === (await canvasNode('src').boundingBox())?.x, LONG).toBe(true)
    await page.getByRole('button', { name: 'Tidy up the layout' }).click()
    await expect.poll(async () => {
      const doc = parse(await code().inputValue()) as { nodes: Array<{ id: string; at: [number, number] }> }
      const x = Object.fromEntries(doc.nodes.map((n) => [n.id, n.at[0]]))
      return x.src! < x.build! && x.build! < x.dev! && x.dev! < x.notify!
    }, LONG).toBe(true)
    await page.getByText('Unsaved changes').first().waitFor(LONG)
  }, STEP)
})
