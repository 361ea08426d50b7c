import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../stack/net.ts'
import { startStack } from '../../stack/stack.ts'
import { FIXTURE_PROJECT, startTestStack, type TestStack } from '../helpers/stack.ts'

let stack: TestStack
let db: pg.Client
beforeAll(async () => {
  stack = await startTestStack()
  db = new pg.Client({ connectionString: stack.dbUrl })
  await db.connect()
})
afterAll(async () => {
  await db?.end()
  await stack?.stop()
})

async function asUser(claims: object, sql: string): Promise<any[]> {
  await db.query('begin')
  try {
    await db.query(`set local role ${(claims as any).role}`)
    await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)])
    return (await db.query(sql)).rows
  } finally {
    await db.query('rollback')
  }
}

describe('the Supabase image bootstrap', () => {
  it('creates the API roles with Supabase’s attributes', async () => {
    const { rows } = await db.query(
      `select rolname, rolbypassrls, rolcanlogin from pg_roles where rolname in ('anon','authenticated','service_role','authenticator') order by rolname`,
    )
    expect(rows).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ])
  })

  it('has the schemas, auth tables and publication supabase-js and the CLI expect', async () => {
    const schemas = await db.query(`select nspname from pg_namespace where nspname = any($1) order by 1`, [
      ['auth', 'extensions', 'realtime', 'storage', 'supabase_migrations', 'graphql_public'],
    ])
    expect(schemas.rows.map((r) => r.nspname)).toEqual(['auth', 'extensions', 'graphql_public', 'realtime', 'storage', 'supabase_migrations'])
    const tables = await db.query(`select table_schema || '.' || table_name as t from information_schema.tables
      where table_schema in ('auth','storage','realtime') order by 1`)
    expect(tables.rows.map((r) => r.t)).toEqual(expect.arrayContaining([
      'auth.identities', 'auth.refresh_tokens', 'auth.sessions', 'auth.users', 'realtime.messages', 'storage.buckets', 'storage.objects',
    ]))
    const pub = await db.query(`select pubname from pg_publication where pubname = 'supabase_realtime'`)
    expect(pub.rowCount).toBe(1)
  })

  it('reads the caller from request.jwt.claims as auth.uid(), auth.role(), auth.email() and auth.jwt()', async () => {
    const sub = crypto.randomUUID()
    const [row] = await asUser(
      { sub, role: 'authenticated', email: 'ada@example.com', app_metadata: { plan: 'pro' } },
      `select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() -> 'app_metadata' ->> 'plan' as plan`,
    )
    expect(row).toEqual({ uid: sub, role: 'authenticated', email: 'ada@example.com', plan: 'pro' })
  })

  it('applies RLS to authenticated and not to service_role', async () => {
    await db.query(`insert into auth.users (id, email) values ('00000000-0000-0000-0000-0000000000a1', 'a@example.com')`)
    await db.query(`insert into public.notes (owner_id, body) values ('00000000-0000-0000-0000-0000000000a1', 'private')`)
    const stranger = await asUser({ sub: crypto.randomUUID(), role: 'authenticated' }, `select body from public.notes`)
    const owner = await asUser({ sub: '00000000-0000-0000-0000-0000000000a1', role: 'authenticated' }, `select body from public.notes`)
    const service = await asUser({ role: 'service_role' }, `select body from public.notes`)
    expect(stranger).toEqual([])
    expect(owner).toEqual([{ body: 'private' }])
    expect(service).toEqual([{ body: 'private' }])
  })

  it('keeps authenticated users out of auth.users, as Supabase does', async () => {
    await expect(asUser({ sub: crypto.randomUUID(), role: 'authenticated' }, 'select * from auth.users')).rejects.toThrow(/permission denied/)
  })
})

describe('startStack', () => {
  it('adopts an existing Postgres given by DATABASE_URL and re-applies nothing', async () => {
    const second = await startStack({
      workdir: FIXTURE_PROJECT, databaseUrl: stack.dbUrl, apiPort: await freePort(),
      dataDir: await mkdtemp(path.join(os.tmpdir(), 'opzenix-adopt-')),
    })
    try {
      const res = await fetch(`${second.apiUrl}/rest/v1/open_counters?select=label&label=eq.seeded`, { headers: { apikey: second.anonKey } })
      expect(await res.json()).toEqual([{ label: 'seeded' }])
      const { rows } = await db.query(`select count(*)::int as n from public.open_counters where label = 'seeded'`)
      expect(rows[0].n).toBe(1)
    } finally {
      await second.stop()
    }
  })

  it('refuses to start on a broken migration, names it, and leaves nothing of it behind', async () => {
    const workdir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-broken-'))
    await cp(FIXTURE_PROJECT, workdir, { recursive: true })
    await writeFile(path.join(workdir, 'migrations', '20991231000000_broken.sql'), 'create table half_done (id int);\nselect from missing_table;\n')
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-broken-data-'))
    const dbPort = await freePort()
    await expect(startStack({ workdir, dataDir, dbPort, apiPort: await freePort(), fresh: true, ephemeral: true }))
      .rejects.toThrow(/20991231000000_broken\.sql failed: relation "missing_table" does not exist/)
    const retry = await startStack({ workdir: FIXTURE_PROJECT, dataDir, dbPort, apiPort: await freePort(), ephemeral: true })
    try {
      const client = new pg.Client({ connectionString: retry.dbUrl })
      await client.connect()
      const { rows } = await client.query(`select to_regclass('public.half_done') as t, (select count(*)::int from supabase_migrations.schema_migrations where version = '20991231000000') as recorded`)
      await client.end()
      expect(rows[0]).toEqual({ t: null, recorded: 0 })
    } finally {
      await retry.stop()
      await rm(workdir, { recursive: true, force: true })
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
