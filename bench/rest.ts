// REST benchmark: the same read through supabase-js → gateway → PostgREST (as anon, under RLS) and straight
// through `pg`, interleaved in one run on a fresh stack, then supabase-js throughput with concurrent requests.
// The stack runs as the CLI in its own process, as `npm start` does, so client and server do not share a loop.
// Two more figures locate the cost: the same read as PostgREST performs it through `pg` (transaction, role,
// claims, RLS, JSON built in SQL), and a bare node:http GET through the gateway (no supabase-js, no fetch).
//
// Run: npx tsx bench/rest.ts
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { freePort } from '../stack/net.ts'
import { startCliStack } from './lib/cli-stack.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const NOTES = 1000
const PAGE = 20
const WARMUP = 200
const SEQUENTIAL = 2000
const CONCURRENCY = 32
const THROUGHPUT_REQUESTS = 10_000
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/project')
const SQL = `select id, body, created_at from public.notes where is_public order by id limit ${PAGE}`

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-rest-'))
const stack = await startCliStack(
  ['--workdir', FIXTURE, '--api-port', String(await freePort()), '--db-port', String(await freePort()), '--fresh'],
  { OPZENIX_DATA_DIR: dataDir },
)
const db = new pg.Pool({ connectionString: stack.dbUrl, max: CONCURRENCY })
try {
  const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as any } }
  const service = createClient(stack.apiUrl, stack.serviceRoleKey, options)
  const anon = createClient(stack.apiUrl, stack.anonKey, options)
  const { data: created, error } = await service.auth.admin.createUser({ email: 'bench@opzenix.dev', password: 'bench-password', email_confirm: true })
  if (error) throw error
  await db.query(
    `insert into public.notes (owner_id, body, is_public)
     select $1, 'note ' || i, i % 2 = 0 from generate_series(1, ${NOTES}) i`,
    [created.user.id],
  )

  const viaRest = async () => {
    const { data, error } = await anon.from('notes').select('id, body, created_at').eq('is_public', true).order('id').limit(PAGE)
    if (error || data?.length !== PAGE) throw new Error(`REST read failed: ${error?.message ?? `${data?.length} rows`}`)
  }
  const viaPg = async () => {
    const { rows } = await db.query(SQL)
    if (rows.length !== PAGE) throw new Error(`pg read returned ${rows.length} rows`)
  }
  const claims = JSON.stringify({ role: 'anon' })
  const viaPgAsPostgrest = async () => {
    const client = await db.connect()
    try {
      await client.query('begin')
      await client.query(`select set_config('role', 'anon', true), set_config('request.jwt.claims', $1, true), set_config('request.method', 'GET', true)`, [claims])
      const { rows } = await client.query(`select coalesce(json_agg(t), '[]')::text as body from (${SQL}) t`)
      await client.query('commit')
      if (JSON.parse(rows[0].body).length !== PAGE) throw new Error('pg (as PostgREST) read returned the wrong rows')
    } finally {
      client.release()
    }
  }
  const agent = new http.Agent({ keepAlive: true })
  const restPath = `${stack.apiUrl}/rest/v1/notes?select=id,body,created_at&is_public=eq.true&order=id&limit=${PAGE}`
  const viaHttp = () => new Promise<void>((resolve, reject) => {
    http.get(restPath, { agent, headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}` } }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))))
    }).on('error', reject)
  })
  const timed = async (read: () => Promise<void>) => {
    const t = performance.now()
    await read()
    return performance.now() - t
  }

  for (let i = 0; i < WARMUP; i++) await Promise.all([viaRest(), viaPg(), viaPgAsPostgrest(), viaHttp()])
  const rest: number[] = []
  const raw: number[] = []
  const asPostgrest: number[] = []
  const bareHttp: number[] = []
  for (let i = 0; i < SEQUENTIAL; i++) {
    rest.push(await timed(viaRest))
    raw.push(await timed(viaPg))
    asPostgrest.push(await timed(viaPgAsPostgrest))
    bareHttp.push(await timed(viaHttp))
  }

  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < THROUGHPUT_REQUESTS) await viaRest()
  }))
  const seconds = (performance.now() - started) / 1000
  const throughput = Math.round(THROUGHPUT_REQUESTS / seconds)

  const restSummary = summarize(rest)
  const pgSummary = summarize(raw)
  const asPostgrestSummary = summarize(asPostgrest)
  const httpSummary = summarize(bareHttp)
  const ratio = Math.round((restSummary.median / pgSummary.median) * 100) / 100
  console.log(`REST read of ${PAGE} public notes (anon, RLS) vs the same SQL through pg, ${SEQUENTIAL} sequential reads each:`)
  console.log(`  supabase-js  median ${restSummary.median} ms, p95 ${restSummary.p95} ms`)
  console.log(`  pg           median ${pgSummary.median} ms, p95 ${pgSummary.p95} ms`)
  console.log(`  ratio (median) ${ratio}×`)
  console.log(`  where it goes: pg doing what PostgREST does median ${asPostgrestSummary.median} ms; bare node:http GET via the gateway median ${httpSummary.median} ms`)
  console.log(`  throughput ${throughput} req/s (${THROUGHPUT_REQUESTS} requests, ${CONCURRENCY} concurrent)`)
  const pass = await report('rest', {
    query: SQL, rows_per_read: PAGE, notes: NOTES, sequential_reads: SEQUENTIAL,
    supabase_js_ms: restSummary, pg_ms: pgSummary, median_ratio: ratio,
    pg_as_postgrest_ms: asPostgrestSummary, bare_http_via_gateway_ms: httpSummary,
    throughput: { requests: THROUGHPUT_REQUESTS, concurrency: CONCURRENCY, seconds: Math.round(seconds * 100) / 100, req_per_s: throughput },
  }, [
    target('median latency supabase-js / pg', '<=', 2, ratio),
    target('throughput req/s', '>=', 2000, throughput),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await db.end()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
