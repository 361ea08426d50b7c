// audit-export against a fresh stack with the demo seed: what an admin downloads is exactly the rows the
// filters select (checked against SQL), nobody else gets any, bad filters are refused, and 100,000 rows
// stream out a page at a time instead of being gathered in the function's memory first.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, type Client } from '../data-model/demo.ts'
import { startProjectStack } from '../data-model/demo.ts'
import { expectError, roleClients, type Clients, type Reply } from './helpers.ts'

let stack: TestStack
let as: Clients
let before: string
let after: string

type Params = Record<string, string | undefined>

async function token(client: Client): Promise<string | undefined> {
  return (await client.auth.getSession()).data.session?.access_token
}

/** The export as a browser's fetch sees it; `bearer` overrides the signed-in token (null sends none). */
async function exportFrom(client: Client, params: Params, init: { method?: 'GET' | 'POST'; bearer?: string | null } = {}): Promise<Response> {
  const bearer = init.bearer === undefined ? (await token(client)) ?? stack.anonKey : init.bearer
  const headers: Record<string, string> = { apikey: stack.anonKey }
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`
  const defined = Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined))
  if (init.method === 'POST') {
    return fetch(`${stack.apiUrl}/functions/v1/audit-export`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(defined),
    })
  }
  return fetch(`${stack.apiUrl}/functions/v1/audit-export?${new URLSearchParams(defined)}`, { headers })
}

async function reply(res: Response): Promise<Reply> {
  return { status: res.status, body: await res.json() }
}

/** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++ }
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') { record.push(field); field = '' }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++ }
    else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`)
    else field += c
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF')
  return records
}

function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text)
  for (const row of rows) expect(row).toHaveLength(header!.length)
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])))
}

const ids = (rows: Array<Record<string, unknown>>) => rows.map((r) => Number(r.id))

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
  ;[{ now: before }] = await sql(stack, `select (now() - interval '1 second')::text as now`)
  // Changes an admin makes through the API: each leaves an audit row naming them and the environment.
  for (const [env, reason] of [[DEMO.env.uat, 'Freeze, "big" release\nsecond line'], [DEMO.env.prod, 'prod hold'], [DEMO.env.uat, 'again']] as const) {
    const { error } = await as.admin.from('environment_locks').update({ is_locked: true, lock_reason: reason }).eq('environment_id', env)
    if (error) throw error
  }
  // A named event whose resource id needs every kind of CSV quoting (comma, quote, CR LF).
  await sql(stack, `select audit.record('export.check', 'exports', $1, $2, null, null, null, '{"note": "quoting"}')`, ['id, "quoted"\r\nnext line', DEMO.acme])
  ;[{ now: after }] = await sql(stack, `select (now() + interval '1 second')::text as now`)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('audit-export: what an admin gets', () => {
  it('exports CSV of one actor\'s updates to one resource type, exactly the rows SQL finds, with every field intact', async () => {
    const res = await exportFrom(as.admin, { organization_id: DEMO.acme, format: 'csv', actor: DEMO.users.admin, action: 'update', resource_type: 'environment_locks' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-acme[a-z0-9-]*-start-to-\d{4}-\d{2}-\d{2}\.csv"$/)
    const rows = csvObjects(await res.text())
    const expected = await sql(stack, `select id::int, resource_id, user_id::text, after, hash, prev_hash from public.audit_logs
      where organization_id = $1 and user_id = $2 and action = 'update' and resource_type = 'environment_locks' order by id`, [DEMO.acme, DEMO.users.admin])
    expect(expected.length).toBeGreaterThanOrEqual(3)
    expect(ids(rows)).toEqual(ids(expected))
    expect(res.headers.get('x-audit-row-count')).toBe(String(expected.length))
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ resource_id: expected[i].resource_id, user_id: DEMO.users.admin, actor_email: 'admin@opzenix.dev', hash: expected[i].hash, prev_hash: expected[i].prev_hash ?? '' })
      expect(JSON.parse(row.after!)).toEqual(expected[i].after)
    })
    expect(rows.map((r) => JSON.parse(r.after!).lock_reason)).toContain('Freeze, "big" release\nsecond line')
  })

  it('quotes a field holding a comma, quotes and a line break so it reads back unchanged (RFC 4180)', async () => {
    const res = await exportFrom(as.admin, { organization_id: DEMO.acme, resource_type: 'exports' })
    const text = await res.text()
    const rows = csvObjects(text)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'export.check', resource_id: 'id, "quoted"\r\nnext line', details: '{"note":"quoting"}', user_id: '', before: '' })
    expect(text.split('\r\n')[0]).toBe('id,created_at,organization_id,project_id,user_id,actor_email,actor_name,actor_role,action,resource_type,resource_id,details,before,after,prev_hash,hash')
  })

  it('exports JSON for one environment in a time range, by POST as well as GET, matching SQL', async () => {
    const filter = { organization_id: DEMO.acme, format: 'json', environment: DEMO.env.uat, from: new Date(before).toISOString(), to: new Date(after).toISOString() }
    const expected = await sql(stack, `select id::int, action, resource_type from public.audit_logs
      where organization_id = $1 and created_at >= $3 and created_at < $4
        and (resource_id = $2 or before->>'environment_id' = $2 or after->>'environment_id' = $2) order by id`, [DEMO.acme, DEMO.env.uat, before, after])
    expect(expected.length).toBeGreaterThanOrEqual(2)
    for (const method of ['GET', 'POST'] as const) {
      const res = await exportFrom(as.admin, filter, { method })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      const day = (iso: string) => new Date(iso).toISOString().slice(0, 10)
      expect(res.headers.get('content-disposition')).toContain(`-${day(before)}-to-${day(after)}.json"`)
      const rows = await res.json() as Array<Record<string, any>>
      expect(ids(rows)).toEqual(ids(expected))
      expect(rows.every((r) => r.organization_id === DEMO.acme && (r.resource_id === DEMO.env.uat || r.after?.environment_id === DEMO.env.uat))).toBe(true)
      expect(rows[0]).toMatchObject({ actor_name: expect.any(String), actor_email: 'admin@opzenix.dev', details: expect.any(Object) })
    }
  })

  it('gives one resource\'s history, and the rows with no signed-in actor as "system"', async () => {
    const [{ id: lockId }] = await sql(stack, `select id::text from public.environment_locks where environment_id = $1`, [DEMO.env.uat])
    const history = await (await exportFrom(as.admin, { organization_id: DEMO.acme, format: 'json', resource_type: 'environment_locks', resource_id: lockId })).json()
    const expected = await sql(stack, `select id::int from public.audit_logs where organization_id = $1 and resource_type = 'environment_locks' and resource_id = $2 order by id`, [DEMO.acme, lockId])
    expect(ids(history)).toEqual(ids(expected))
    expect(history.map((r: any) => r.after?.lock_reason)).toEqual(expect.arrayContaining(['again']))

    const system = await (await exportFrom(as.admin, { organization_id: DEMO.acme, format: 'json', actor: 'system' })).json()
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1 and user_id is null`, [DEMO.acme])
    expect(n).toBeGreaterThan(0)
    expect(system).toHaveLength(n)
    expect(system.every((r: any) => r.user_id === null)).toBe(true)
  })

  it('answers an empty range with a header-only CSV and an empty JSON array', async () => {
    const range = { organization_id: DEMO.acme, from: '2001-01-01', to: '2001-01-31' }
    const csv = await exportFrom(as.admin, { ...range, format: 'csv' })
    expect(parseCsv(await csv.text())).toHaveLength(1)
    expect(csv.headers.get('content-disposition')).toContain('audit-acme')
    expect(csv.headers.get('content-disposition')).toContain('-2001-01-01-to-2001-01-31.csv"')
    expect(await (await exportFrom(as.admin, { ...range, format: 'json' })).json()).toEqual([])
  })
})

describe('audit-export: who may export', () => {
  it('refuses a viewer (403) and an operator (403) of the organization', async () => {
    for (const member of [as.viewer, as.operator]) {
      const res = await reply(await exportFrom(member, { organization_id: DEMO.acme }))
      expectError(res, 403, 'forbidden')
    }
  })

  it('refuses anon (401 with the error shape) and a call with no token (401 at the gateway)', async () => {
    expectError(await reply(await exportFrom(as.anon, { organization_id: DEMO.acme })), 401, 'unauthorized')
    const bare = await exportFrom(as.anon, { organization_id: DEMO.acme }, { bearer: null })
    expect(bare.status).toBe(401)
    await bare.body?.cancel()
  })

  it('gives another organization\'s admin nothing of Acme: 404, as for anything outside their organizations', async () => {
    expectError(await reply(await exportFrom(as.globex, { organization_id: DEMO.acme })), 404, 'not_found')
    const own = await (await exportFrom(as.globex, { organization_id: DEMO.globex, format: 'json' })).json()
    const [{ n }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1`, [DEMO.globex])
    expect(own).toHaveLength(n)
    expect(own.every((r: any) => r.organization_id === DEMO.globex)).toBe(true)
  })
})

describe('audit-export: bad filters', () => {
  const cases: Array<[string, Params, string]> = [
    ['no organization', { format: 'csv' }, 'organization_id'],
    ['an organization that is not a uuid', { organization_id: 'acme' }, 'organization_id'],
    ['an unknown format', { organization_id: DEMO.acme, format: 'xlsx' }, 'format'],
    ['an actor that is not a user id', { organization_id: DEMO.acme, actor: 'bob' }, 'actor'],
    ['a date that is not one', { organization_id: DEMO.acme, from: 'yesterday' }, 'from'],
    ['a range that ends before it starts', { organization_id: DEMO.acme, from: '2026-12-02', to: '2026-12-01' }, 'to'],
    ['a misspelt filter', { organization_id: DEMO.acme, enviroment: DEMO.env.uat }, 'enviroment'],
  ]
  it.each(cases)('answers 400 for %s, naming the field', async (_, params, field) => {
    const res = await reply(await exportFrom(as.admin, params))
    expectError(res, 400, 'invalid_input')
    expect(res.body.error.message).toContain(field)
  })

  it('answers 400 for a filter given twice and 415 for a POST that is not JSON', async () => {
    const twice = await fetch(`${stack.apiUrl}/functions/v1/audit-export?organization_id=${DEMO.acme}&action=insert&action=delete`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${await token(as.admin)}` },
    })
    expectError(await reply(twice), 400, 'invalid_input')
    const form = await fetch(`${stack.apiUrl}/functions/v1/audit-export`, {
      method: 'POST', headers: { apikey: stack.anonKey, authorization: `Bearer ${await token(as.admin)}`, 'content-type': 'text/plain' }, body: 'organization_id=x',
    })
    expectError(await reply(form), 415)
  })
})

/** The Deno process serving audit-export for this stack, found by the environment the stack gave it. */
async function workerPid(): Promise<number> {
  const denoDir = path.join(stack.config.dataDir, 'functions', 'deno-dir')
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const environ = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '')
    const vars = environ.split('\0')
    if (vars.includes(`DENO_DIR=${denoDir}`) && vars.some((v) => v.startsWith('OPZENIX_WORKER_ENTRY=') && v.endsWith('/audit-export/index.ts'))) return Number(entry)
  }
  throw new Error('no audit-export worker found')
}

async function memoryKb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1])
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

describe('audit-export: 100,000 rows', () => {
  const BULK = 100_000

  it('streams 100k rows as they are read: first bytes long before the last, every row once, memory bounded', async () => {
    const started = performance.now()
    // Written the way the triggers write: through the chain trigger, which links and hashes each row. The
    // stack's Realtime queue entries of this bulk load are dropped in the same transaction: nobody watches
    // an import live, and dispatching 100k changes would run in this very process while it measures.
    const db = new pg.Client({ connectionString: stack.dbUrl })
    await db.connect()
    try {
      await db.query('begin')
      await db.query(`insert into public.audit_logs (organization_id, project_id, user_id, action, resource_type, resource_id, before, after, created_at)
        select $1, $2, $3, (array['insert','update','delete'])[1 + i % 3], 'deployments', gen_random_uuid()::text,
          case when i % 3 <> 0 then jsonb_build_object('status', 'running', 'version', 'v' || i, 'environment_id', $4::text) end,
          case when i % 3 <> 2 then jsonb_build_object('status', 'success', 'version', 'v' || i, 'environment_id', $4::text, 'reason', 'bulk row ' || i || ', "quoted"') end,
          now() - (${BULK} - i) * interval '1 millisecond'
        from generate_series(1, ${BULK}) i`, [DEMO.acme, DEMO.project, DEMO.users.operator, DEMO.env.prod])
      await db.query('delete from realtime.stack_changes where xid = pg_current_xact_id()')
      await db.query('commit')
      // What autovacuum does shortly after a load this size; the test cannot wait for it.
      await db.query('analyze public.audit_logs')
    } finally {
      await db.end()
    }
    const inserted = performance.now() - started
    const [{ n: expectedRows }] = await sql(stack, `select count(*)::int as n from public.audit_logs where organization_id = $1`, [DEMO.acme])
    expect(expectedRows).toBeGreaterThan(BULK)

    // Warm the worker so its start is not part of the measurement.
    await (await exportFrom(as.admin, { organization_id: DEMO.acme, resource_type: 'exports' })).text()
    const pid = await workerPid()
    // Resets the process's peak resident size (VmHWM), so the peak read afterwards is this export's.
    await writeFile(`/proc/${pid}/clear_refs`, '5')
    const idle = await memoryKb(pid)

    const t0 = performance.now()
    const res = await exportFrom(as.admin, { organization_id: DEMO.acme, format: 'csv' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-audit-row-count')).toBe(String(expectedRows))
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let firstByte = 0
    let bytes = 0
    let chunks = 0
    let records = 0
    let quoted = false
    let lastId = 0
    let tail = ''
    let peakDuring = idle.peak
    const samples: Array<[number, number]> = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!firstByte) firstByte = performance.now() - t0
      bytes += value.byteLength
      chunks++
      // Count records incrementally: a CRLF outside quotes ends one.
      const text = decoder.decode(value, { stream: true })
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c === 34) quoted = !quoted
        else if (c === 10 && !quoted) records++
      }
      tail = (tail + text).slice(-4000)
      if (chunks % 20 === 0) {
        const { rss } = await memoryKb(pid)
        peakDuring = Math.max(peakDuring, rss)
        samples.push([bytes, rss])
      }
    }
    const total = performance.now() - t0
    const end = await memoryKb(pid)
    peakDuring = Math.max(peakDuring, end.peak)

    const figures = {
      rows: records - 1, bytes, chunks, insert_s: +(inserted / 1000).toFixed(2), first_byte_s: +(firstByte / 1000).toFixed(3),
      total_s: +(total / 1000).toFixed(2), worker_rss_idle_mb: +(idle.rss / 1024).toFixed(1), worker_peak_mb: +(peakDuring / 1024).toFixed(1),
      worker_rss_by_mb_sent: samples.filter((_, i) => i % 8 === 0).map(([b, r]) => `${(b / 1e6).toFixed(0)}:${(r / 1024).toFixed(0)}`).join(' '),
    }
    console.log(`audit-export 100k: ${JSON.stringify(figures)}`)

    const lastLine = tail.trimEnd().split('\r\n').at(-1)!
    lastId = Number(lastLine.split(',')[0])
    const [{ max }] = await sql(stack, `select max(id)::int as max from public.audit_logs where organization_id = $1`, [DEMO.acme])
    expect(records - 1).toBe(expectedRows) // the header is a record too
    expect(lastId).toBe(max)
    // The response arrives page by page: many chunks, the first long before the last.
    expect(chunks).toBeGreaterThan(50)
    expect(firstByte / total).toBeLessThan(0.2)
    // The function never held the export: over the second half of the body its memory grew by far less than
    // that half's size (a buffering function would grow by at least as much as it sends).
    const half = samples.findIndex(([sent]) => sent >= bytes / 2)
    expect(half).toBeGreaterThan(0)
    const [sentAtHalf, rssAtHalf] = samples[half]!
    const laterPeak = Math.max(end.rss, ...samples.slice(half).map(([, rss]) => rss))
    expect((laterPeak - rssAtHalf) * 1024).toBeLessThan((bytes - sentAtHalf) / 2)

  }, 180_000)
})
