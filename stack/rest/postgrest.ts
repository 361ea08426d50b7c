import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { postgrestBinary } from '../binaries.ts'
import type { StackConfig } from '../config.ts'
import { freePort, waitFor } from '../net.ts'

export interface RunningPostgrest {
  /** Where the gateway forwards /rest/v1. */
  origin: string
  pid: number
  stop(): Promise<void>
}

/** Runs the real PostgREST 12 binary configured as Supabase configures it. */
export async function startPostgrest(config: StackConfig, databaseUrl: string, log: (line: string) => void): Promise<RunningPostgrest> {
  const port = await freePort()
  const dbUri = new URL(databaseUrl)
  dbUri.username = 'authenticator'
  dbUri.password = 'postgres'
  const child: ChildProcess = spawn(postgrestBinary(), [], {
    env: {
      PGRST_DB_URI: dbUri.toString(),
      PGRST_DB_SCHEMAS: config.api.schemas.join(','),
      PGRST_DB_EXTRA_SEARCH_PATH: config.api.extraSearchPath.join(','),
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_JWT_SECRET: config.jwtSecret,
      // Keep each verified JWT (keyed by the token itself) until its exp, at most an hour, instead of verifying
      // the signature and decoding the claims on every request: a quarter of PostgREST's CPU per read here.
      PGRST_JWT_CACHE_MAX_LIFETIME: '3600',
      PGRST_DB_MAX_ROWS: String(config.api.maxRows),
      PGRST_DB_POOL: '20',
      PGRST_DB_CHANNEL_ENABLED: 'true',
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(port),
      PGRST_ADMIN_SERVER_PORT: String(await freePort()),
      PGRST_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => log(String(d).trimEnd()))
  child.stderr?.on('data', (d) => log(String(d).trimEnd()))
  const origin = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitFor('PostgREST', async () => {
    if (child.exitCode !== null) throw new Error(`PostgREST exited with ${child.exitCode}`)
    const res = await fetch(`${origin}/`)
    return res.status < 500
  })
  return {
    origin,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
