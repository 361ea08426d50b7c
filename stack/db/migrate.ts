import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const BOOTSTRAP_SQL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bootstrap.sql')

export interface MigrationFile {
  version: string
  name: string
  file: string
}

/** Migration files as the Supabase CLI names them: `<digits>_<name>.sql`, in version order. */
export function listMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return []
  return readdirSync(migrationsDir)
    .map((file) => /^(\d+)_(.*)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: m[1], name: m[2], file: path.join(migrationsDir, m[0]) }))
    .sort((a, b) => a.version.localeCompare(b.version))
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Reproduces what Supabase's Postgres image holds before project migrations. */
export async function bootstrap(url: string): Promise<void> {
  await withClient(url, (client) => client.query(readFileSync(BOOTSTRAP_SQL, 'utf8')))
}

// The same history table the Supabase CLI creates, so `supabase db push --db-url` sees our work.
const HISTORY_DDL = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
  alter table supabase_migrations.schema_migrations add column if not exists statements text[];
  alter table supabase_migrations.schema_migrations add column if not exists name text;
  create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);
`

/** Applies pending migrations in order, each in its own transaction; returns the versions applied. */
export async function applyMigrations(url: string, migrationsDir: string, log = (_: string) => {}): Promise<string[]> {
  return withClient(url, async (client) => {
    await client.query(HISTORY_DDL)
    const { rows } = await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')
    const applied = new Set(rows.map((r) => r.version))
    const done: string[] = []
    for (const migration of listMigrations(migrationsDir)) {
      if (applied.has(migration.version)) continue
      const sql = readFileSync(migration.file, 'utf8')
      await client.query('begin')
      try {
        await client.query(sql)
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, [sql]],
        )
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw new Error(`migration ${path.basename(migration.file)} failed: ${(error as Error).message}`)
      }
      log(`applied migration ${migration.version}_${migration.name}`)
      done.push(migration.version)
    }
    await client.query(`notify pgrst, 'reload schema'`)
    return done
  })
}

/** Runs the seed files that exist, in one transaction. */
export async function applySeed(url: string, sqlPaths: string[], log = (_: string) => {}): Promise<void> {
  const files = sqlPaths.filter((file) => existsSync(file))
  if (files.length === 0) return
  await withClient(url, async (client) => {
    await client.query('begin')
    try {
      for (const file of files) {
        await client.query(readFileSync(file, 'utf8'))
        log(`seeded ${path.basename(file)}`)
      }
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw new Error(`seed failed: ${(error as Error).message}`)
    }
  })
}
