// Start-time benchmark: what `npm start` costs on an existing data folder. The first run creates the database
// (migrations and seed), then N restarts of the same CLI command are timed from spawn to the ready line, which
// cli.ts prints only once the API and the web app answer.
//
// Run: npx tsx bench/start.ts
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const RESTARTS = 5
const TARGET_SECONDS = 5

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-start-'))
try {
  const ports = ['--api-port', String(await freePort()), '--db-port', String(await freePort()), '--app-port', String(await freePort())]
  const run = async () => {
    const stack = await startCliStack(['start', ...ports], { OPZENIX_DATA_DIR: dataDir })
    const answered = await fetch(`${stack.apiUrl}/rest/v1/`, { headers: { apikey: stack.anonKey } })
    await stack.stop()
    if (answered.status >= 500) throw new Error(`the API answered ${answered.status} after the ready line`)
    return stack.readyMs
  }
  const firstMs = await run()
  console.log(`First start (creates the database): ${(firstMs / 1000).toFixed(2)} s`)
  const restarts: number[] = []
  for (let i = 0; i < RESTARTS; i++) {
    restarts.push(await run())
    console.log(`  restart ${i + 1}: ${(restarts.at(-1)! / 1000).toFixed(2)} s`)
  }
  const summary = summarize(restarts.map((ms) => ms / 1000))
  console.log(`Restarts on the existing data folder: median ${summary.median} s, max ${summary.max} s`)
  const pass = await report('start', {
    command: 'tsx stack/cli.ts start --api-port … --db-port … --app-port … (OPZENIX_DATA_DIR=<temp>)',
    workdir: 'supabase', first_start_s: Math.round(firstMs / 10) / 100, restarts_s: summary,
  }, [target(`slowest of ${RESTARTS} restarts to the ready line, seconds`, '<=', TARGET_SECONDS, summary.max)])
  process.exitCode = pass ? 0 : 1
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
