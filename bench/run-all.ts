// Runs every bench/*.ts (except this file) one after another; exits non-zero if any missed its targets.
//
// Run: npm run bench   (or: npm run bench -- rest start   to pick some)
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const wanted = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.endsWith('.test.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, '.ts')))
  .sort()

const outcomes: Array<{ bench: string; ok: boolean }> = []
for (const file of benches) {
  console.log(`\n=== bench/${file} ===`)
  const { status } = spawnSync(process.execPath, [tsx, path.join('bench', file)], { cwd: root, stdio: 'inherit' })
  outcomes.push({ bench: file, ok: status === 0 })
}
console.log('\n=== summary ===')
for (const { bench, ok } of outcomes) console.log(`  ${ok ? 'PASS' : 'FAIL'}  bench/${bench}`)
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1
