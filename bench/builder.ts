// Builder benchmark: pipelines of 2,000 and 5,000 nodes in the editor, in headless Chromium against a fresh
// stack. Inserts them with the service client, signs in as the seeded operator, then for each mode measures
// (1) navigation start → every node the mode renders is in the DOM and measured, (2) frame times while the
// canvas is panned by 60 mouse-drag steps and (3) a click on a node → its settings in the side panel (through the
// test driver, so it includes a round trip). Modes: the editor's choice for large graphs (xyflow's
// onlyRenderVisibleElements: only nodes on screen exist in the DOM) at 2,000 and 5,000 nodes, and
// `?render=all` (all 2,000 nodes).
// The SPA is the production build (e2e/lib/build.ts), served with the stack's URL injected.
//
// Run: npx tsx bench/builder.ts
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import type { Page } from 'playwright-core'
import ws from 'ws'
import { launchBrowser } from '../e2e/lib/browser.ts'
import { startTestApp } from '../e2e/lib/app.ts'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const SIZES = [2000, 5000]
const COLUMNS = 50
const PAN_STEPS = 60
const RUNS = 3
const PROJECT = '20000000-0000-4000-a000-000000000001' // Acme / payments-api in supabase/seed.sql

/** source → rows of 50 work stages (each row fanned out from the source) → … → one deploy to dev. */
function bigPipeline(NODES: number) {
  const kinds = ['build', 'test', 'security_scan', 'checkpoint'] as const
  const work = (ms: number) => ({ executor: { type: 'simulated', duration_ms: ms, outcome: 'success', log_lines: ['simulated step'] } })
  const nodes: object[] = [{ id: 'n0', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Source', config: { repository: 'acme/payments-api', branch: 'main' } } }]
  const edges: object[] = []
  for (let i = 1; i < NODES; i++) {
    const row = Math.floor(i / COLUMNS)
    const col = i % COLUMNS
    const last = i === NODES - 1
    const kind = last ? 'deploy' : kinds[i % kinds.length]!
    const config = last ? { environment: 'dev', strategy: 'rolling' } : kind === 'checkpoint' ? {} : work(100)
    nodes.push({ id: `n${i}`, type: kind, position: { x: col * 260, y: row * 110 }, data: { label: `${kind} ${i}`, config } })
    const from = col === 0 ? 'n0' : `n${i - 1}`
    edges.push({ id: `${from}->n${i}`, source: from, target: `n${i}`, data: { on: 'success' } })
  }
  return { nodes, edges }
}

interface Sample { renderMs: number; renderedNodes: number; panMs: number; frames: number; fps: number; frameMs: ReturnType<typeof summarize>; selectMs: number }

/** Opens the editor and waits until the rendered nodes are measured (xyflow shows a node once it has its size). */
async function measure(page: Page, url: string, all: boolean, total: number): Promise<Sample> {
  await page.goto('about:blank')
  await page.goto(url)
  const { renderMs, renderedNodes } = await page.waitForFunction(([expectAll, total]) => {
    const canvas = document.querySelector('[data-testid=pipeline-canvas]')
    if (!canvas || (total > 0 && Number(canvas.getAttribute('data-node-count')) !== total)) return false
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node')
    if (nodes.length === 0 || (expectAll && nodes.length < total)) return false
    for (const node of nodes) if (node.style.visibility === 'hidden') return false
    return { renderMs: performance.now(), renderedNodes: nodes.length }
  }, [all, total] as const, { polling: 'raf', timeout: 120_000 }).then((h) => h.jsonValue() as Promise<{ renderMs: number; renderedNodes: number }>)

  // Pan from an empty spot of the pane (a drag that starts on a node would move the node instead).
  const box = (await page.getByTestId('pipeline-canvas').boundingBox())!
  const start = await page.evaluate(({ x, y, width, height }) => {
    for (let dy = 20; dy < height - 20; dy += 7) {
      for (let dx = 20; dx < width - 20; dx += 7) {
        if (document.elementFromPoint(x + dx, y + dy)?.classList.contains('react-flow__pane')) return { x: x + dx, y: y + dy }
      }
    }
    return null
  }, box)
  if (!start) throw new Error('no empty spot on the canvas to pan from')
  // The drag runs inside the page, one step per animation frame, so the figures are the page's own frame times
  // rather than the test driver's round trips. d3-zoom (xyflow's pan) listens to mouse events; a string, not a
  // function, because tsx would wrap named inner functions in a helper the page does not have.
  const transformBefore = await page.locator('.react-flow__viewport').getAttribute('style')
  const frames = await page.evaluate(`new Promise((resolve) => {
    const pane = document.elementFromPoint(${start.x}, ${start.y})
    const at = (type, target, i) => target.dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1,
      clientX: ${start.x} - i * 8, clientY: ${start.y} - i * 3 }))
    const frames = []
    let i = 0
    at('mousedown', pane, 0)
    const step = (t) => {
      frames.push(t)
      if (++i > ${PAN_STEPS}) { at('mouseup', window, i); return resolve(frames) }
      at('mousemove', window, i)
      requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
  })`) as number[]
  if (transformBefore === await page.locator('.react-flow__viewport').getAttribute('style')) throw new Error('the canvas did not pan')
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!)
  const panMs = frames.at(-1)! - frames[0]!
  // Select: a click on a work stage on screen (one whose middle is not under the palette) → the side panel shows its name.
  const spot = await page.evaluate(() => {
    for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = node.getBoundingClientRect()
      const x = r.left + r.width / 2
      const y = r.top + r.height / 2
      if (node.textContent?.includes('Source') || !node.contains(document.elementFromPoint(x, y))) continue
      return { x, y, label: node.querySelector('.truncate.text-sm')?.textContent ?? '' }
    }
    return null
  })
  if (!spot) throw new Error('no node on screen to select')
  const clicked = performance.now()
  await page.mouse.click(spot.x, spot.y)
  await page.waitForFunction((name) => (document.querySelector<HTMLInputElement>('section[aria-label="Node settings"] input[name=label]')?.value ?? '') === name, spot.label, { polling: 'raf', timeout: 30_000 })
  const selectMs = Math.round(performance.now() - clicked)
  return { renderMs, renderedNodes, panMs, frames: intervals.length, fps: Math.round((intervals.length / panMs) * 1000 * 10) / 10, frameMs: summarize(intervals), selectMs }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-builder-'))
const stack = await startCliStack(['--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'], { OPZENIX_DATA_DIR: dataDir })
const app = await startTestApp(stack)
const browser = await launchBrowser()
try {
  const service = createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as never } })
  const ids: Record<number, string> = {}
  for (const size of SIZES) {
    const { data: row, error } = await service.from('flow_templates')
      .insert({ project_id: PROJECT, name: `Benchmark ${size} nodes`, type: 'cicd', ...bigPipeline(size) }).select('id').single()
    if (error) throw error
    ids[size] = row.id
  }

  const page = await browser.context.newPage()
  await page.goto(app.url)
  await page.getByLabel('Email').fill('operator@opzenix.dev')
  await page.getByLabel('Password').fill('opzenix-demo')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByTestId('user-email').waitFor()

  const { data: small } = await service.from('flow_templates').select('id, nodes').eq('project_id', PROJECT).eq('name', 'Payments API release').single()
  const modes: Record<string, { url: string; nodes: number; all: boolean }> = {
    visible_only: { url: `${app.url}/pipelines/${ids[2000]}`, nodes: 2000, all: false },
    render_all: { url: `${app.url}/pipelines/${ids[2000]}?render=all`, nodes: 2000, all: true },
    visible_only_5000: { url: `${app.url}/pipelines/${ids[5000]}`, nodes: 5000, all: false },
    // The same measurement on the seeded release pipeline: what the page and the harness cost on their own.
    baseline_small: { url: `${app.url}/pipelines/${small!.id}`, nodes: 0, all: false },
  }
  const results: Record<string, unknown> = {}
  const medians: Record<string, { renderMs: number; fps: number; frameP95: number; selectMs: number }> = {}
  for (const [mode, { url, nodes, all }] of Object.entries(modes)) {
    await measure(page, url, all, nodes) // warm-up: caches, JIT
    const samples: Sample[] = []
    for (let i = 0; i < RUNS; i++) samples.push(await measure(page, url, all, nodes))
    const render = summarize(samples.map((s) => s.renderMs))
    const fps = summarize(samples.map((s) => s.fps))
    const frameP95 = summarize(samples.map((s) => s.frameMs.p95))
    const select = summarize(samples.map((s) => s.selectMs))
    medians[mode] = { renderMs: render.median, fps: fps.median, frameP95: frameP95.median, selectMs: select.median }
    results[mode] = { url_suffix: url.slice(app.url.length).replace(/[0-9a-f-]{36}/, ':id'), nodes, rendered_nodes: samples[0]!.renderedNodes, render_ms: render, pan_fps: fps, pan_frame_ms_p95: frameP95, select_ms: select, samples }
    console.log(`${mode.padEnd(17)} ${String(samples[0]!.renderedNodes).padStart(4)} of ${nodes} nodes in the DOM: navigation → rendered median ${render.median} ms; pan ${PAN_STEPS} steps median ${fps.median} fps, frame p95 ${frameP95.median} ms; select ${select.median} ms`)
  }
  // Targets are for what the editor ships (visible-only for large graphs); render=all is the comparison.
  const pass = await report('builder', { sizes: SIZES, pan_steps: PAN_STEPS, runs_per_mode: RUNS, viewport: '1280x800', ...results }, [
    target('navigation → visible nodes rendered, ms (default mode)', '<=', 3000, medians.visible_only!.renderMs),
    target('panning fps (default mode)', '>=', 30, medians.visible_only!.fps),
    target('navigation → all 2,000 nodes rendered, ms (render=all)', '<=', 10_000, medians.render_all!.renderMs),
    target('navigation → visible nodes rendered at 5,000 nodes, ms', '<=', 5000, medians.visible_only_5000!.renderMs),
    target('panning fps at 5,000 nodes', '>=', 20, medians.visible_only_5000!.fps),
    target('click → node settings shown at 5,000 nodes, ms', '<=', 500, medians.visible_only_5000!.selectMs),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await browser.close()
  await app.stop()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
