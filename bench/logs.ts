// Log panel benchmark: one node's log of 1,000,000 lines on the run page, in headless Chromium against a fresh
// stack. Measures (1) navigation start → the log's last line drawn; (2) frame times while the view scrolls
// continuously (40 px a frame, as a wheel does) and while it jumps to a new place in the log every frame (the
// scrollbar dragged: each frame needs a page it does not hold), with how many of those frames still showed a
// placeholder (fetches wait for the view to settle) and how soon after the last jump the lines are drawn; (3) find-next across the whole log; (4) what the page holds: JS heap and DOM nodes (Chromium's own
// counters over CDP) beside the same page with a 1,000-line log, rows drawn and lines held.
//
// Run: npx tsx bench/logs.ts
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { CDPSession, Page } from 'playwright-core'
import { launchBrowser } from '../e2e/lib/browser.ts'
import { startTestApp } from '../e2e/lib/app.ts'
import { signInPage } from '../e2e/lib/session.ts'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const LINES = Number(process.env.LOG_LINES ?? 1_000_000)
const SMALL = 1000
const FRAMES = 120
const EXECUTION = '40000000-0000-4000-a000-000000000001' // the seed's running run (supabase/seed.sql)

/** Writes `count` lines for a node straight into Postgres (triggers off: this is the bench's setup, not its subject). */
async function writeLines(db: pg.Client, node: string, count: number) {
  const started = performance.now()
  await db.query('begin')
  await db.query("set local session_replication_role = 'replica'")
  await db.query(`insert into public.execution_logs (execution_id, project_id, node_id, level, message, metadata)
    select $1, e.project_id, $2, (array['debug','info','warn','error'])[1 + i % 4]::public.log_level,
      case when i % 100000 = 0 then 'step ' || i || ' found the needle' else 'step ' || i || ': compiled module ' || ((i % 1000) * 7919 % 1000) || ' in ' || (i % 97) || ' ms' end,
      null
    from public.executions e, generate_series(1, $3) i where e.id = $1`, [EXECUTION, node, count])
  await db.query('commit')
  await db.query('vacuum analyze public.execution_logs')
  return Math.round(performance.now() - started)
}

const frameScript = (frames: number, body: string) => `new Promise((resolve) => {
  const el = document.querySelector('[data-testid=log-scroller]')
  const times = []
  let placeholders = 0
  ${body}
  const step = (t) => {
    times.push(t)
    if (el.querySelector('[data-line][aria-busy]')) placeholders++
    if (times.length > ${frames}) return resolve({ times, placeholders })
    move(times.length)
    requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
})`

function intervals(times: number[]) {
  const gaps = times.slice(1).map((t, i) => t - times[i]!)
  return { frames: gaps.length, fps: Math.round((gaps.length / (times.at(-1)! - times[0]!)) * 10_000) / 10, frameMs: summarize(gaps) }
}

async function heap(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return { js_heap_mib: Math.round((get('JSHeapUsedSize') / 2 ** 20) * 10) / 10, dom_nodes: get('Nodes') }
}

async function open(page: Page, url: string, lastLine: number) {
  await page.goto('about:blank')
  const started = Date.now()
  await page.goto(url)
  await page.waitForFunction((last) => document.querySelector(`[data-testid=log-scroller] [data-line="${last}"] [data-testid=log-message]`), lastLine - 1, { timeout: 120_000, polling: 'raf' })
  return Date.now() - started
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-logs-'))
const stack = await startCliStack(['--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'], { OPZENIX_DATA_DIR: dataDir })
const app = await startTestApp(stack)
const browser = await launchBrowser()
const db = new pg.Client({ connectionString: stack.dbUrl })
await db.connect()
try {
  const { rows: nodes } = await db.query("select node_id from public.execution_nodes where execution_id = $1 and status in ('success', 'failed') order by node_id limit 2", [EXECUTION])
  const [big, small] = nodes.map((n) => n.node_id as string)
  await db.query('delete from public.execution_logs where execution_id = $1 and node_id = any($2)', [EXECUTION, [big, small]])
  const insertMs = await writeLines(db, big!, LINES)
  await writeLines(db, small!, SMALL)
  console.log(`wrote ${LINES.toLocaleString('en')} lines in ${insertMs} ms`)

  const page = await signInPage(browser, app.url, 'operator@opzenix.dev')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')

  const smallOpenMs = await open(page, `${app.url}/executions/${EXECUTION}?node=${small}`, SMALL)
  const smallHeap = await heap(cdp)
  const openMs = await open(page, `${app.url}/executions/${EXECUTION}?node=${big}`, LINES)
  const loadedHeap = await heap(cdp)
  console.log(`open: ${SMALL.toLocaleString('en')} lines ${smallOpenMs} ms, ${LINES.toLocaleString('en')} lines ${openMs} ms (navigation → last line drawn)`)

  const wheel = await page.evaluate(frameScript(FRAMES, 'const move = () => { el.scrollTop -= 40 }')) as { times: number[]; placeholders: number }
  const jumps = await page.evaluate(frameScript(FRAMES, `const move = (i) => { el.scrollTop = Math.floor(el.scrollHeight * ((i * 37) % ${FRAMES}) / ${FRAMES}) }`)) as { times: number[]; placeholders: number }
  const settleStarted = Date.now()
  await page.waitForFunction(() => !document.querySelector('[data-testid=log-scroller] [data-line][aria-busy]'), undefined, { timeout: 60_000, polling: 'raf' })
  const settleMs = Date.now() - settleStarted
  await page.waitForTimeout(1000)
  const scrolledHeap = await heap(cdp)
  const drawn = await page.locator('[data-testid=log-scroller] [data-line]').count()
  const wheelFigures = { ...intervals(wheel.times), placeholder_frames: wheel.placeholders }
  const jumpFigures = { ...intervals(jumps.times), placeholder_frames: jumps.placeholders, last_jump_to_lines_drawn_ms: settleMs }
  console.log(`wheel scroll: ${wheelFigures.fps} fps, frame p50 ${wheelFigures.frameMs.median} / p95 ${wheelFigures.frameMs.p95} ms, ${wheel.placeholders} of ${FRAMES} frames with a placeholder`)
  console.log(`jumps: ${jumpFigures.fps} fps, frame p50 ${jumpFigures.frameMs.median} / p95 ${jumpFigures.frameMs.p95} ms, ${jumps.placeholders} of ${FRAMES} frames with a placeholder; lines drawn ${settleMs} ms after the last jump`)

  const find = page.getByRole('textbox', { name: 'Find in log' })
  await find.fill('needle')
  const findStarted = Date.now()
  await find.press('Enter')
  await page.waitForFunction(() => /of|No matches/.test(document.querySelector('[data-testid=log-search-status]')?.textContent ?? ''), undefined, { timeout: 60_000 })
  const findMs = Date.now() - findStarted
  const findStatus = await page.getByTestId('log-search-status').textContent()
  console.log(`find "needle" across the log: ${findMs} ms (${findStatus})`)
  console.log(`held: JS heap ${scrolledHeap.js_heap_mib} MiB, ${scrolledHeap.dom_nodes} DOM nodes, ${drawn} rows drawn (with ${SMALL} lines: ${smallHeap.js_heap_mib} MiB, ${smallHeap.dom_nodes} nodes)`)

  const pass = await report('logs', {
    lines: LINES, insert_ms: insertMs, viewport: '1280x800',
    open_ms: { [`lines_${SMALL}`]: smallOpenMs, [`lines_${LINES}`]: openMs },
    wheel_scroll: wheelFigures, jump_scroll: jumpFigures,
    find_next_ms: findMs, find_status: findStatus,
    memory: { [`lines_${SMALL}`]: smallHeap, [`lines_${LINES}_opened`]: loadedHeap, [`lines_${LINES}_after_scrolling`]: scrolledHeap, rows_drawn: drawn },
  }, [
    target('navigation → last line drawn at 1M lines, ms', '<=', 3000, openMs),
    target('wheel-scroll frame p95 at 1M lines, ms', '<=', 50, wheelFigures.frameMs.p95),
    target('JS heap at 1M lines over the heap at 1,000 lines, ratio', '<=', 1.5, Math.round((scrolledHeap.js_heap_mib / smallHeap.js_heap_mib) * 100) / 100),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await db.end()
  await browser.close()
  await app.stop()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
