import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { supabaseCliBinary } from './binaries.ts'
import { freePort } from './net.ts'
import { removeCluster } from './db/postgres.ts'
import { startStack } from './stack.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SUPABASE_BIN = supabaseCliBinary()
export const TYPES_FILE = path.join(ROOT, 'src', 'integrations', 'supabase', 'types.ts')
export const DEFAULT_DB_URL = 'postgresql://postgres:postgres@127.0.0.1:54322/postgres'

const USAGE = `Usage: npm run gen:types -- [options]

Writes src/integrations/supabase/types.ts from the schema of a running database
(supabase gen types typescript --remote=<db url>).

Options:
  --db-url URL     database to read (default: env SUPABASE_DB_URL, then DATABASE_URL, then ${DEFAULT_DB_URL})
  --schema LIST    comma-separated schemas (default: public)
  --out FILE       output file (default: src/integrations/supabase/types.ts)
  --fresh          read a fresh temporary stack on supabase/ (migrations only) instead of a running database
  --check          like --fresh, but only compare: exit 1 if the file is stale (for CI)
  --workdir DIR    project folder for --fresh and --check (default: supabase)
  -h, --help       this text`

/** The TypeScript types the Supabase CLI generates for `schemas` of the database at `dbUrl`. */
export async function generateTypes(dbUrl: string, schemas = 'public'): Promise<string> {
  // An empty workdir keeps the CLI from reading (and warning about) the project's config.toml.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'opzenix-gen-types-'))
  try {
    const { stdout } = await promisify(execFile)(
      SUPABASE_BIN,
      ['gen', 'types', '--lang', 'typescript', `--remote=${dbUrl}`, '--schema', schemas, '--workdir', cwd],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PGSSLMODE: 'disable', SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } },
    )
    // The CLI may print notices before the code; the file starts at the first export.
    const start = stdout.indexOf('export type')
    if (start < 0 || !stdout.includes('export type Database')) throw new Error(`supabase gen types printed no Database type:\n${stdout.slice(0, 500)}`)
    return stdout.slice(start)
  } catch (error) {
    const e = error as Error & { stderr?: string }
    throw new Error(`supabase gen types failed: ${e.stderr?.trim() || e.message}`)
  } finally {
    await rm(cwd, { recursive: true, force: true })
  }
}

/** Types generated from a fresh temporary stack on `workdir` (migrations applied, nothing else). */
export async function generateFreshTypes(workdir = path.join(ROOT, 'supabase'), schemas = 'public'): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-types-'))
  const lines: string[] = []
  try {
    const stack = await startStack({
      workdir, dataDir, apiPort: await freePort(), dbPort: await freePort(), fresh: true, ephemeral: true,
      databaseUrl: undefined, log: (line) => { lines.push(line); if (lines.length > 40) lines.shift() },
    }).catch((error: Error) => { throw new Error(`${error.message}\n${lines.join('\n')}`) })
    try {
      return await generateTypes(stack.dbUrl, schemas)
    } finally {
      await stack.stop()
    }
  } finally {
    await removeCluster(dataDir)
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** The first differing line of two texts, for a message a human can act on. */
export function firstDifference(expected: string, actual: string): string | undefined {
  const a = expected.split('\n')
  const b = actual.split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  committed: ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`
  }
  return undefined
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'db-url': { type: 'string' }, schema: { type: 'string' }, out: { type: 'string' },
      check: { type: 'boolean' }, fresh: { type: 'boolean' }, workdir: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void console.log(USAGE)
  const schemas = values.schema ?? 'public'
  const out = path.resolve(values.out ?? TYPES_FILE)

  if (values.check) {
    const generated = await generateFreshTypes(path.resolve(values.workdir ?? 'supabase'), schemas)
    const committed = await readFile(out, 'utf8').catch(() => '')
    const difference = firstDifference(committed, generated)
    if (difference) {
      console.error(`${path.relative(process.cwd(), out)} is stale: run \`npm start\` (or \`npm run stack\`) and \`npm run gen:types\`.\n${difference}`)
      process.exit(1)
    }
    return void console.log(`${path.relative(process.cwd(), out)} matches the schema.`)
  }

  const dbUrl = values['db-url'] ?? process.env.SUPABASE_DB_URL ?? process.env.DATABASE_URL ?? DEFAULT_DB_URL
  const types = values.fresh
    ? await generateFreshTypes(path.resolve(values.workdir ?? 'supabase'), schemas)
    : await generateTypes(dbUrl, schemas)
  await mkdir(path.dirname(out), { recursive: true })
  await writeFile(out, types)
  console.log(`Wrote ${path.relative(process.cwd(), out)} (${types.split('\n').length} lines, schema ${schemas}).`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}
