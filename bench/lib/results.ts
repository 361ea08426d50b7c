import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results')

export interface Target {
  /** What is measured, e.g. "median latency ratio supabase-js / pg". */
  metric: string
  /** The bound, in the figure's unit. */
  limit: number
  comparison: '<=' | '>='
  actual: number
  pass: boolean
}

/** A target checked against its measured figure. */
export function target(metric: string, comparison: '<=' | '>=', limit: number, actual: number): Target {
  return { metric, limit, comparison, actual, pass: comparison === '<=' ? actual <= limit : actual >= limit }
}

/** The machine a figure was measured on, so results from different hosts are not compared blindly. */
export function machine() {
  const cpus = os.cpus()
  return {
    host: os.hostname(), platform: `${os.platform()} ${os.release()}`, arch: os.arch(),
    cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10, node: process.version,
  }
}

/** Prints the targets and writes bench/results/<name>.json; returns whether every target passed. */
export async function report(name: string, figures: Record<string, unknown>, targets: Target[]): Promise<boolean> {
  const pass = targets.every((t) => t.pass)
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.metric}: ${t.actual} (target ${t.comparison} ${t.limit})`)
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}.json`)
  const body = { bench: name, date: new Date().toISOString(), machine: machine(), figures, targets, pass }
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`)
  console.log(`  → ${path.relative(process.cwd(), file)}: ${pass ? 'all targets met' : 'targets NOT met'}`)
  return pass
}
