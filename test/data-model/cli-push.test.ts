import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supabaseCliBinary } from '../../stack/binaries.ts'
import { listMigrations } from '../../stack/db/migrate.ts'
import { startTestStack, type TestStack } from '../helpers/stack.ts'
import { sql, startProjectStack } from './demo.ts'

const run = promisify(execFile)
const SUPABASE_BIN = supabaseCliBinary()

/** `supabase db push` against a database URL, from the repository (which holds supabase/). */
async function dbPush(dbUrl: string, ...flags: string[]): Promise<string> {
  const { stdout, stderr } = await run(SUPABASE_BIN, ['db', 'push', `--db-url=${dbUrl}`, '--yes', '--skip-vault', '--workdir', path.resolve('.'), ...flags], {
    env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    timeout: 120_000,
  })
  return `${stdout}\n${stderr}`
}

const ours = listMigrations(path.resolve('supabase/migrations')).map((m) => m.version)

describe('migrations under the Supabase CLI', () => {
  let bare: TestStack
  let bareDir: string
  let project: TestStack

  beforeAll(async () => {
    // A stack whose project has no migrations: Supabase's base schema only, like a new hosted project.
    bareDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bare-'))
    await copyFile(path.resolve('supabase/config.toml'), path.join(bareDir, 'config.toml'))
    ;[bare, project] = await Promise.all([startTestStack(bareDir), startProjectStack()])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([bare?.stop(), project?.stop()])
    await rm(bareDir, { recursive: true, force: true })
  })

  it('applies every migration to a fresh database with db push', async () => {
    const output = await dbPush(bare.dbUrl)
    expect(output).toContain(ours.at(-1))
    const applied = await sql(bare, 'select version from supabase_migrations.schema_migrations order by version')
    expect(applied.map((r) => r.version)).toEqual(ours)
    // The push builds the same schema the stack applies: every public table, each under RLS.
    const tables = `select tablename, rowsecurity from pg_tables where schemaname = 'public' order by tablename`
    const pushed = await sql(bare, tables)
    expect(pushed.filter((t) => !t.rowsecurity)).toEqual([])
    expect(pushed).toEqual(await sql(project, tables))
    // The seed is not part of a push: no demo organization on a real project.
    expect(await sql(bare, 'select slug from public.organizations')).toEqual([])
  }, 180_000)

  it('sees the migrations the stack applied as already applied', async () => {
    const output = await dbPush(project.dbUrl, '--dry-run')
    expect(output).toMatch(/up to date/i)
  }, 120_000)
})
