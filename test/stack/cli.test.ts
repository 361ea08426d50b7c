import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supabaseCliBinary } from '../../stack/binaries.ts'
import { DEMO_ANON_KEY } from '../../stack/keys.ts'
import { freePort } from '../../stack/net.ts'
import { FIXTURE_PROJECT } from '../helpers/stack.ts'

const run = promisify(execFile)
const TSX = path.resolve('node_modules/.bin/tsx')
const SUPABASE = supabaseCliBinary()

let dataDir: string
let apiPort: number
let dbPort: number

function startCli(): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let output = ''
  const child = spawn(TSX, ['stack/cli.ts', '--workdir', FIXTURE_PROJECT, '--api-port', String(apiPort), '--db-port', String(dbPort)], {
    env: { ...process.env, OPZENIX_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk
      if (/ready/.test(output)) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`stack exited with ${code}:\n${output}`)))
  })
  return { child, output: () => output, ready }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)))
}

async function counterLabels(): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${apiPort}/rest/v1/open_counters?select=label&order=id`, { headers: { apikey: DEMO_ANON_KEY } })
  return ((await res.json()) as Array<{ label: string }>).map((row) => row.label)
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(() => true, () => false)
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-cli-'))
  apiPort = await freePort()
  dbPort = await freePort()
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm run stack', () => {
  it('prints ready with URLs and keys only once the API answers, and stops every child on SIGTERM', async () => {
    const { child, output, ready } = startCli()
    await ready
    expect(output()).toContain(`API URL: http://127.0.0.1:${apiPort}`)
    expect(output()).toContain('anon key: eyJ')
    expect(await counterLabels()).toEqual(['seeded'])
    await fetch(`http://127.0.0.1:${apiPort}/rest/v1/open_counters`, {
      method: 'POST',
      headers: { apikey: DEMO_ANON_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'kept' }),
    })

    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
    expect(await answers(`http://127.0.0.1:${apiPort}/`)).toBe(false)
    const { stdout } = await run('ss', ['-ltn'])
    expect(stdout).not.toContain(`127.0.0.1:${dbPort} `)
  })

  it('keeps data between starts and is seen as up to date by the Supabase CLI', async () => {
    const { child, ready } = startCli()
    await ready
    try {
      expect(await counterLabels()).toEqual(['seeded', 'kept'])
      const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`
      // The Supabase CLI looks for <workdir>/supabase/migrations.
      const cwd = await mkdtemp(path.join(os.tmpdir(), 'opzenix-cli-workdir-'))
      await symlink(FIXTURE_PROJECT, path.join(cwd, 'supabase'))
      const list = await run(SUPABASE, ['migration', 'list', '--db-url', dbUrl, '--workdir', cwd], { cwd })
      expect(list.stdout).toMatch(/20260101000000.*\|.*20260101000000/)
      const push = await run(SUPABASE, ['db', 'push', '--db-url', dbUrl, '--dry-run', '--workdir', cwd], { cwd })
      expect(push.stdout + push.stderr).toContain('Remote database is up to date')
    } finally {
      child.kill('SIGTERM')
      await exited(child)
    }
  }, 60_000)

  it('reset removes the database so the next start applies migrations and seed again', async () => {
    const { stdout } = await run(TSX, ['stack/cli.ts', 'reset', '--workdir', FIXTURE_PROJECT], { env: { ...process.env, OPZENIX_DATA_DIR: dataDir } })
    expect(stdout).toContain('Reset')
    const { child, ready } = startCli()
    await ready
    const labels = await counterLabels()
    child.kill('SIGTERM')
    await exited(child)
    expect(labels).toEqual(['seeded'])
  })

  it('rejects an unknown command with usage and exit code 2', async () => {
    const failure = await run(TSX, ['stack/cli.ts', 'launch']).catch((e) => e)
    expect(failure.code).toBe(2)
    expect(failure.stderr).toContain('Unknown command "launch"')
  })
})
