// Run page benchmark: the page of a run of 2,000 and of 5,000 nodes, in headless Chromium against a fresh stack
// whose engine advances the runs while they are watched. For each size: (1) navigation start → the first run
// node on screen is drawn and measured (the 40 parallel chains start folded into one group node), then "Expand
// all" → every chain drawn, and how many nodes the DOM holds (only those on screen: xyflow's
// onlyRenderVisibleElements); (2) frame times while the open graph is panned by 60 mouse-drag steps; (3) frame times
// over 5 s of live updates (the engine moving dozens of nodes per tick; the page applies the Realtime changes
// once per animation frame), with how many node status changes the page drew meanwhile. Then the engine on
// short steps: 200 steps of 10 ms in a chain, from pipeline-execute to success, as steps per second.
//
// Run: npx tsx bench/run-page.ts
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import type { Page } from 'playwright-core'
import ws from 'ws'
import { launchBrowser } from '../e2e/lib/browser.ts'
import { startTestApp } from '../e2e/lib/app.ts'
import { signInPage } from '../e2e/lib/session.ts'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const SIZES = [2000, 5000]
const CHAINS = 40
const STEP_MS = 1500
const PAN_STEPS = 60
const LIVE_MS = 5000
const TICK_MS = 500
const PROJECT = '20000000-0000-4000-a000-000000000001' // Acme / payments-api in supabase/seed.sql
const SHORT_STEPS = 200
const SHORT_MS = 10

/** source → CHAINS parallel chains of simulated steps (each STEP_MS long), the last node a deploy to dev. */
function fanOutPipeline(total: number) {
  const work = { executor: { type: 'simulated', duration_ms: STEP_MS, outcome: 'success', log_lines: [] } }
  const nodes: object[] = [{ id: 'n0', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Source', config: { repository: 'acme/payments-api' } } }]
  const edges: object[] = []
  const tails: string[] = Array.from({ length: CHAINS }, () => 'n0')
  for (let i = 1; i < total - 1; i++) {
    const chain = (i - 1) % CHAINS
    const step = Math.floor((i - 1) / CHAINS)
    const kind = ['build', 'test', 'security_scan'][step % 3]
    nodes.push({ id: `n${i}`, type: kind, position: { x: (step + 1) * 260, y: chain * 110 }, data: { label: `${kind} ${chain + 1}.${step + 1}`, config: work } })
    edges.push({ id: `${tails[chain]}->n${i}`, source: tails[chain], target: `n${i}`, data: { on: 'success' } })
    tails[chain] = `n${i}`
  }
  const deploy = `n${total - 1}`
  nodes.push({ id: deploy, type: 'deploy', position: { x: (Math.ceil((total - 2) / CHAINS) + 1) * 260, y: 0 }, data: { label: 'Deploy dev', config: { environment: 'dev' } } })
  for (const tail of tails) edges.push({ id: `${tail}->${deploy}`, source: tail, target: deploy, data: { on: 'success' } })
  return { nodes, edges }
}

/** source → SHORT_STEPS simulated steps of SHORT_MS in a chain → deploy dev. */
function shortStepsPipeline() {
  const nodes: object[] = [{ id: 's0', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Source', config: { repository: 'acme/payments-api' } } }]
  const edges: object[] = []
  for (let i = 1; i <= SHORT_STEPS + 1; i++) {
    const last = i === SHORT_STEPS + 1
    const config = last ? { environment: 'dev' } : { executor: { type: 'simulated', duration_ms: SHORT_MS, outcome: 'success', log_lines: [] } }
    nodes.push({ id: `s${i}`, type: last ? 'deploy' : 'build', position: { x: i * 220, y: 0 }, data: { label: `Step ${i}`, config } })
    edges.push({ id: `s${i - 1}->s${i}`, source: `s${i - 1}`, target: `s${i}`, data: { on: 'success' } })
  }
  return { nodes, edges }
}

/** Frame intervals while `during` runs inside the page, one requestAnimationFrame callback per frame. */
const framesScript = (ms: number, body: string) => `new Promise((resolve) => {
  const frames = []
  let changes = 0
  const observer = new MutationObserver((list) => { for (const m of list) if (m.attributeName === 'data-status') changes++ })
  observer.observe(document.querySelector('[data-testid=execution-graph]'), { subtree: true, attributes: true, attributeFilter: ['data-status'] })
  const started = performance.now()
  ${body}
  const step = (t) => {
    frames.push(t)
    if (t - started >= ${ms} && frames.length > 2 && done()) { observer.disconnect(); return resolve({ frames, changes }) }
    if (typeof onFrame === 'function') onFrame(frames.length)
    requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
})`

async function render(page: Page, url: string) {
  await page.goto('about:blank')
  await page.goto(url)
  return page.waitForFunction(() => {
    const nodes = document.querySelectorAll<HTMLElement>('[data-testid=execution-graph] .react-flow__node-run')
    if (nodes.length === 0) return false
    for (const node of nodes) if (node.style.visibility === 'hidden') return false
    return { renderMs: performance.now(), renderedNodes: nodes.length }
  }, undefined, { polling: 'raf', timeout: 180_000 }).then((h) => h.jsonValue() as Promise<{ renderMs: number; renderedNodes: number }>)
}

/** "Expand all" → the folded chains' nodes on screen, in ms; the DOM's run nodes after. */
async function expandAll(page: Page) {
  const before = performance.now()
  await page.getByRole('button', { name: 'Expand all' }).click()
  const drawn = await page.waitForFunction(() => {
    const graph = document.querySelector<HTMLElement>('[data-testid=execution-graph]')
    if (graph?.dataset.drawnCount !== graph?.dataset.nodeCount) return false
    const nodes = document.querySelectorAll('[data-testid=execution-graph] .react-flow__node-run')
    return nodes.length > 2 ? nodes.length : false
  }, undefined, { polling: 'raf', timeout: 120_000 }).then((h) => h.jsonValue() as Promise<number>)
  return { expandMs: Math.round(performance.now() - before), renderedNodes: drawn }
}

async function pan(page: Page) {
  await page.getByTestId('execution-graph').scrollIntoViewIfNeeded()
  const box = (await page.getByTestId('execution-graph').boundingBox())!
  const start = await page.evaluate(({ x, y, width, height }) => {
    for (let dy = 10; dy < height - 10; dy += 5) {
      for (let dx = 10; dx < width - 10; dx += 5) {
        // The pane, or a lane's band behind the nodes (not draggable, so a drag there pans too).
        const el = document.elementFromPoint(x + dx, y + dy)
        if (el?.classList.contains('react-flow__pane') || el?.closest('.react-flow__node-lane')) return { x: x + dx, y: y + dy }
      }
    }
    return null
  }, box)
  if (!start) throw new Error('no empty spot on the run graph to pan from')
  const result = await page.evaluate(framesScript(0, `
    const pane = document.elementFromPoint(${start.x}, ${start.y})
    const at = (type, target, i) => target.dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1,
      clientX: ${start.x} - i * 8, clientY: ${start.y} - i * 3 }))
    at('mousedown', pane, 0)
    const onFrame = (i) => at('mousemove', window, i)
    const done = () => { if (frames.length <= ${PAN_STEPS}) return false; at('mouseup', window, frames.length); return true }
  `)) as { frames: number[] }
  return intervals(result.frames)
}

async function live(page: Page) {
  const result = await page.evaluate(framesScript(LIVE_MS, 'const done = () => true')) as { frames: number[]; changes: number }
  return { ...intervals(result.frames), statusChangesDrawn: result.changes }
}

function intervals(frames: number[]) {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!)
  const ms = frames.at(-1)! - frames[0]!
  return { frames: gaps.length, fps: Math.round((gaps.length / ms) * 10_000) / 10, frameMs: summarize(gaps) }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-run-page-'))
const stack = await startCliStack(['--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'], { OPZENIX_DATA_DIR: dataDir, OPZENIX_TICK_MS: String(TICK_MS) })
const app = await startTestApp(stack)
const browser = await launchBrowser()
try {
  const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as never } }
  const service = createClient(stack.apiUrl, stack.serviceRoleKey, options)
  const operator = createClient(stack.apiUrl, stack.anonKey, options)
  const signedIn = await operator.auth.signInWithPassword({ email: 'operator@opzenix.dev', password: 'opzenix-demo' })
  if (signedIn.error) throw signedIn.error

  const page = await signInPage(browser, app.url, 'operator@opzenix.dev')

  const figures: Record<string, unknown> = { chains: CHAINS, step_ms: STEP_MS, tick_ms: TICK_MS, pan_steps: PAN_STEPS, live_window_ms: LIVE_MS, viewport: '1280x800' }
  const medians: Record<number, { renderMs: number; panP95: number; liveP95: number }> = {}
  for (const size of SIZES) {
    const { data: pipeline, error } = await service.from('flow_templates')
      .insert({ project_id: PROJECT, name: `Run page benchmark ${size}`, type: 'cicd', ...fanOutPipeline(size) }).select('id').single()
    if (error) throw error
    const startedAt = performance.now()
    const started = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: pipeline.id } })
    if (started.error) throw started.error
    const startMs = Math.round(performance.now() - startedAt)
    const url = `${app.url}/executions/${started.data.execution_id}`
    const first = await render(page, url)
    const opened = await expandAll(page)
    const panned = await pan(page)
    const updates = await live(page)
    const drawnCount = await page.getByTestId('execution-graph').getAttribute('data-node-count')
    medians[size] = { renderMs: Math.round(first.renderMs), panP95: panned.frameMs.p95, liveP95: updates.frameMs.p95 }
    figures[`nodes_${size}`] = {
      start_run_ms: startMs, graph_nodes: Number(drawnCount), navigation_to_first_nodes_ms: Math.round(first.renderMs),
      folded_nodes_in_dom: first.renderedNodes, expand_all_ms: opened.expandMs, rendered_nodes_in_dom: opened.renderedNodes,
      pan: panned, live_updates: updates,
    }
    console.log(`${size} nodes: pipeline-execute ${startMs} ms; navigation → nodes drawn ${Math.round(first.renderMs)} ms (folded: ${first.renderedNodes} run nodes);`
      + ` expand all ${opened.expandMs} ms (${opened.renderedNodes} in the DOM of ${drawnCount});`
      + ` pan ${panned.fps} fps, frame p50 ${panned.frameMs.median} / p95 ${panned.frameMs.p95} ms;`
      + ` live ${updates.fps} fps, frame p50 ${updates.frameMs.median} / p95 ${updates.frameMs.p95} ms, ${updates.statusChangesDrawn} status changes drawn`)
    await operator.functions.invoke('execution-cancel', { body: { execution_id: started.data.execution_id } })
  }
  // The engine on short steps: a chain of 200 steps of 10 ms, from pipeline-execute to the run's success.
  const { data: chain, error: chainError } = await service.from('flow_templates')
    .insert({ project_id: PROJECT, name: 'Short steps benchmark', type: 'cicd', ...shortStepsPipeline() }).select('id').single()
  if (chainError) throw chainError
  const chainStarted = performance.now()
  const chainRun = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: chain.id } })
  if (chainRun.error) throw chainRun.error
  for (;;) {
    const { data } = await service.from('executions').select('status').eq('id', chainRun.data.execution_id).single()
    if (data && ['success', 'failed', 'cancelled', 'warning'].includes(data.status)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const chainSeconds = (performance.now() - chainStarted) / 1000
  const stepsPerSecond = Math.round((SHORT_STEPS / chainSeconds) * 10) / 10
  figures.engine_short_steps = { steps: SHORT_STEPS, step_ms: SHORT_MS, tick_ms: TICK_MS, seconds: Math.round(chainSeconds * 100) / 100, steps_per_second: stepsPerSecond }
  console.log(`engine: ${SHORT_STEPS} steps of ${SHORT_MS} ms in ${chainSeconds.toFixed(2)} s (${stepsPerSecond} steps/s, scheduler every ${TICK_MS} ms)`)

  const pass = await report('run-page', figures, [
    target('navigation → first nodes drawn at 2,000 nodes, ms', '<=', 3000, medians[2000]!.renderMs),
    target('pan frame p95 at 2,000 nodes, ms', '<=', 50, medians[2000]!.panP95),
    target('live-update frame p95 at 2,000 nodes, ms', '<=', 50, medians[2000]!.liveP95),
    target('live-update frame p95 at 5,000 nodes, ms', '<=', 100, medians[5000]!.liveP95),
    target('engine steps per second, 10 ms steps', '>=', 10, stepsPerSecond),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await browser.close()
  await app.stop()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
