import { rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from './config.ts'
import { removeCluster } from './db/postgres.ts'
import { startStack, type RunningStack } from './stack.ts'

const USAGE = `Usage: npm run stack -- [command] [options]

Commands:
  (none)       run the local Supabase-compatible stack in the foreground until Ctrl-C
  start        the stack plus the Opzenix web app (what \`npm start\` runs)
  reset        delete the local database so the next start re-creates it from migrations and seed

Options:
  --workdir DIR     the Supabase project folder (default: supabase)
  --fresh           re-create the database before starting
  --api-port N      gateway port (default: config.toml [api] port, 54321; env OPZENIX_API_PORT)
  --db-port N       Postgres port (default: config.toml [db] port, 54322; env OPZENIX_DB_PORT)
  --app-port N      web app port for \`start\` (default 5173; env OPZENIX_APP_PORT)
  --verbose         print every service's log lines
  -h, --help        this text`

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      workdir: { type: 'string' }, fresh: { type: 'boolean' }, 'api-port': { type: 'string' },
      'db-port': { type: 'string' }, 'app-port': { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void console.log(USAGE)
  const command = positionals[0] ?? 'stack'
  const overrides = {
    workdir: values.workdir,
    apiPort: values['api-port'] ? Number(values['api-port']) : undefined,
    dbPort: values['db-port'] ? Number(values['db-port']) : undefined,
  }
  if (command === 'reset') {
    const config = loadConfig(overrides)
    await removeCluster(config.dataDir)
    await rm(path.join(config.dataDir, 'storage'), { recursive: true, force: true })
    return void console.log(`Reset: ${config.dataDir} will be re-created from migrations and seed on the next start.`)
  }
  if (command !== 'stack' && command !== 'start') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`)
    process.exit(2)
  }

  const started = performance.now()
  const recent: string[] = []
  const stack = await startStack({
    ...overrides,
    fresh: values.fresh,
    log: (line) => {
      if (values.verbose) console.log(line)
      recent.push(line)
      if (recent.length > 50) recent.shift()
    },
  }).catch((error: Error) => {
    console.error(`Stack failed to start: ${error.message}\n${recent.slice(-20).join('\n')}`)
    process.exit(1)
  })
  const stops: Array<() => Promise<void>> = [stack.stop]
  let appUrl: string | undefined
  if (command === 'start') {
    const { startApp } = await import('./app.ts')
    const port = Number(values['app-port'] ?? process.env.OPZENIX_APP_PORT ?? 5173)
    const app = await startApp(stack, port)
    stops.unshift(app.stop)
    appUrl = app.url
  }
  printReady(stack, ((performance.now() - started) / 1000).toFixed(1), appUrl)
  if (appUrl) await printDemoUsers(stack.dbUrl, appUrl)

  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    console.log('Stopping…')
    for (const stop of stops) await stop().catch(() => {})
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

function printReady(stack: RunningStack, seconds: string, appUrl?: string): void {
  const lines = [
    `Opzenix stack ready in ${seconds}s`,
    '',
    `         API URL: ${stack.apiUrl}`,
    `     GraphQL URL: (not served)`,
    `          DB URL: ${stack.dbUrl}`,
    `      JWT secret: ${stack.jwtSecret}`,
    `        anon key: ${stack.anonKey}`,
    `service_role key: ${stack.serviceRoleKey}`,
  ]
  if (appUrl) lines.push('', `         App URL: ${appUrl}`)
  console.log(lines.join('\n'))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

/** Where to log in: the seeded demo accounts, if this database has them. */
async function printDemoUsers(dbUrl: string, appUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl })
  try {
    await client.connect()
    const { rows } = await client.query<{ email: string; role: string | null }>(`
      select u.email, min(m.role::text) as role
      from auth.users u left join public.organization_members m on m.user_id = u.id
      where u.email like '%@opzenix.dev' group by u.email order by min(m.role) nulls last, u.email`)
    if (rows.length === 0) return
    console.log(`\nSign in at ${appUrl} with password opzenix-demo as:`)
    for (const row of rows) console.log(`  ${row.email.padEnd(24)} ${row.role ?? ''}`)
  } catch (error) {
    // A project without Opzenix's tables (undefined_table) has no demo users; anything else is worth a line.
    if ((error as { code?: string }).code !== '42P01') console.warn(`Could not list the demo users: ${(error as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
