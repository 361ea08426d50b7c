import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { createAuthService } from './auth/service.ts'
import { loadConfig, type ConfigOverrides, type StackConfig } from './config.ts'
import { removeCluster, startDatabase } from './db/postgres.ts'
import { applyMigrations, applySeed, bootstrap } from './db/migrate.ts'
import { createFunctionsService } from './functions/service.ts'
import { createGateway } from './gateway.ts'
import { proxy } from './http.ts'
import { bodyLimits, sendTooLarge } from './limits.ts'
import { createRealtimeService } from './realtime/service.ts'
import { functionsDirOf, startScheduler } from './scheduler.ts'
import { startPostgrest } from './rest/postgrest.ts'
import type { Service, StackContext } from './service.ts'
import { createStorageService } from './storage/service.ts'

export interface StackOptions extends ConfigOverrides {
  /** Drop the data folder's database first. */
  fresh?: boolean
  /** fsync off: for tests and benchmarks. */
  ephemeral?: boolean
  log?: (line: string) => void
}

export interface RunningStack {
  config: StackConfig
  /** Gateway URL, e.g. http://127.0.0.1:54321 */
  apiUrl: string
  dbUrl: string
  anonKey: string
  serviceRoleKey: string
  jwtSecret: string
  /** PIDs of the child processes this stack started (Postgres and PostgREST). */
  pids: number[]
  stop(): Promise<void>
}

/** Starts Postgres, applies migrations and seed, then PostgREST and every service behind one gateway. */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {})
  const config = loadConfig(options)
  if (options.fresh && !config.databaseUrl) await removeCluster(config.dataDir)

  const stops: Array<() => Promise<void>> = []
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`stop: ${(e as Error).message}`))
  }
  try {
    const db = await startDatabase({
      dataDir: config.dataDir, port: config.dbPort, databaseUrl: config.databaseUrl,
      ephemeral: options.ephemeral, log: (l) => log(`[db] ${l}`),
    })
    stops.push(db.stop)
    await bootstrap(db.url)
    await applyMigrations(db.url, path.join(config.workdir, 'migrations'), (l) => log(`[db] ${l}`))
    if (db.fresh && config.seed.enabled) await applySeed(db.url, config.seed.sqlPaths, (l) => log(`[db] ${l}`))

    const pool = new pg.Pool({ connectionString: db.url, max: 20 })
    pool.on('error', (e) => log(`[db] pool: ${e.message}`))
    stops.push(() => pool.end())

    const postgrest = await startPostgrest(config, db.url, (l) => log(`[rest] ${l}`))
    stops.push(postgrest.stop)
    // Declared lengths over the limit are refused by the gateway; streamed (chunked) bodies are cut off here.
    const restBody = { limit: bodyLimits().rest, refuse: (res: http.ServerResponse) => sendTooLarge(res, 'rest', restBody.limit) }
    // Its own kept-alive connections to PostgREST, most recently used first, so a busy client reuses warm ones.
    const restAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' })
    const rest: Service = {
      handle: (req, res, rest) => proxy(req, res, postgrest.origin, rest, {}, restBody, restAgent),
      stop: async () => restAgent.destroy(),
    }
    stops.push(rest.stop)

    const apiUrl = `http://127.0.0.1:${config.apiPort}`
    const ctx = (name: string): StackContext => ({ config, dbUrl: db.url, pool, apiUrl, log: (l) => log(`[${name}] ${l}`) })
    const auth = await createAuthService(ctx('auth'))
    stops.push(auth.stop)
    const realtime = await createRealtimeService(ctx('realtime'))
    stops.push(realtime.stop)
    const functions = await createFunctionsService(ctx('functions'))
    stops.push(functions.stop)
    const storage = await createStorageService(ctx('storage'))
    stops.push(storage.stop)

    const gateway = createGateway(config, { rest, auth, realtime, functions, storage })
    await listen(gateway, config.apiPort)
    // Open websockets keep the gateway from closing, so realtime ends them first (its stop is idempotent).
    stops.push(() => closeServer(gateway), realtime.stop)

    for (const service of [auth, realtime, functions, storage]) {
      if (service.ready && !(await service.ready())) throw new Error('a service did not become ready')
    }
    const scheduler = startScheduler({ apiUrl, serviceRoleKey: config.serviceRoleKey, functionsDir: functionsDirOf(config.workdir), log: (l) => log(`[scheduler] ${l}`) })
    stops.push(scheduler.stop)
    return {
      config, apiUrl, dbUrl: db.url,
      anonKey: config.anonKey, serviceRoleKey: config.serviceRoleKey, jwtSecret: config.jwtSecret,
      pids: [db.pid, postgrest.pid].filter((pid): pid is number => pid !== undefined),
      stop: stopAll,
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
