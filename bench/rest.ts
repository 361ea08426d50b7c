// REST benchmark: the same read through supabase-js → gateway → PostgREST (as anon, under RLS) and straight
// through `pg`, interleaved in one run on a fresh stack, then supabase-js throughput with concurrent requests.
// The stack runs as the CLI in its own process, as `npm start` does, so client and server do not share a loop.
// Three more figures locate the cost, each as a ratio to `pg` in the same run: the same read as PostgREST
// performs it through `pg` (transaction, role, claims, RLS, JSON built in SQL); PostgREST alone (a second
// PostgREST binary, configured as the stack's, on the same database, reached by a bare keep-alive node:http
// GET); and the same bare GET through the gateway. Gateway minus PostgREST alone is what the gateway adds;
// supabase-js minus the bare GET is the client library's own cost. Throughput is measured for all three
// HTTP paths, with the CPU each program spent per request.
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
import { loadConfig } from '../stack/config.ts'
import { freePort } from '../stack/net.ts'
import { startPostgrest } from '../stack/rest/postgrest.ts'
import { clientCpu, cpuSpent, treeCpu, type CpuByProgram } from './lib/cpu.ts'
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
const alone = await startPostgrest(loadConfig({ workdir: FIXTURE }), stack.dbUrl, () => {})
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
  const query = `notes?select=id,body,created_at&is_public=eq.true&order=id&limit=${PAGE}`
  const bareGet = (url: string) => () => new Promise<void>((resolve, reject) => {
    http.get(url, { agent, headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}` } }, (res) => {
      let size = 0
      res.on('data', (chunk: Buffer) => { size += chunk.length })
      res.on('end', () => (res.statusCode === 200 && size > 0 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))))
    }).on('error', reject)
  })
  const viaHttp = bareGet(`${stack.apiUrl}/rest/v1/${query}`)
  const viaPostgrestAlone = bareGet(`${alone.origin}/${query}`)
  const timed = async (read: () => Promise<void>) => {
    const t = performance.now()
    await read()
    return performance.now() - t
  }

  for (let i = 0; i < WARMUP; i++) await Promise.all([viaRest(), viaPg(), viaPgAsPostgrest(), viaHttp(), viaPostgrestAlone()])
  const paths = { supabase_js: viaRest, pg: viaPg, pg_as_postgrest: viaPgAsPostgrest, postgrest_alone: viaPostgrestAlone, gateway: viaHttp }
  const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, [] as number[]])) as Record<keyof typeof paths, number[]>
  for (let i = 0; i < SEQUENTIAL; i++) {
    for (const [name, read] of Object.entries(paths)) samples[name as keyof typeof paths].push(await timed(read))
  }
  const latency = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) as Record<keyof typeof paths, ReturnType<typeof summarize>>
  const toPg = (name: keyof typeof paths) => Math.round((latency[name].median / latency.pg.median) * 100) / 100

  // CPU of the stack's process tree (gateway in node, PostgREST, Postgres), of the lone PostgREST, and of this client.
  const cpuNow = (): { stack: CpuByProgram; alone: CpuByProgram; client: number } => ({ stack: treeCpu(stack.child.pid!), alone: treeCpu(alone.pid), client: clientCpu() })
  const throughputOf = async (read: () => Promise<void>) => {
    let next = 0
    const before = cpuNow()
    const started = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < THROUGHPUT_REQUESTS) await read()
    }))
    const seconds = (performance.now() - started) / 1000
    const after = cpuNow()
    const perRequest = (spent: CpuByProgram) => Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Math.round((v * 1e6) / THROUGHPUT_REQUESTS) / 1000]))
    return {
      seconds: Math.round(seconds * 100) / 100,
      req_per_s: Math.round(THROUGHPUT_REQUESTS / seconds),
      cpu_ms_per_request: {
        stack: perRequest(cpuSpent(before.stack, after.stack)),
        postgrest_alone: perRequest(cpuSpent(before.alone, after.alone)),
        bench_client: Math.round(((after.client - before.client) * 1e6) / THROUGHPUT_REQUESTS) / 1000,
      },
    }
  }
  const throughput = {
    requests: THROUGHPUT_REQUESTS, concurrency: CONCURRENCY,
    supabase_js: await throughputOf(viaRest),
    gateway: await throughputOf(viaHttp),
    postgrest_alone: await throughputOf(viaPostgrestAlone),
  }

  const ratio = toPg('supabase_js')
  console.log(`REST read of ${PAGE} public notes (anon, RLS), ${SEQUENTIAL} sequential reads per path, interleaved:`)
  const line = (label: string, name: keyof typeof paths) =>
    console.log(`  ${label.padEnd(34)} median ${latency[name].median} ms, p95 ${latency[name].p95} ms  (${toPg(name)}× pg)`)
  line('supabase-js → gateway → PostgREST', 'supabase_js')
  line('bare GET → gateway → PostgREST', 'gateway')
  line('bare GET → PostgREST alone', 'postgrest_alone')
  line('pg, as PostgREST does it', 'pg_as_postgrest')
  line('pg', 'pg')
  console.log(`  gateway adds ${Math.round((latency.gateway.median - latency.postgrest_alone.median) * 100) / 100} ms median over PostgREST alone; supabase-js adds ${Math.round((latency.supabase_js.median - latency.gateway.median) * 100) / 100} ms over a bare GET`)
  for (const name of ['supabase_js', 'gateway', 'postgrest_alone'] as const) {
    const t = throughput[name]
    console.log(`  throughput ${name.padEnd(16)} ${t.req_per_s} req/s (${CONCURRENCY} concurrent); CPU ms/request ${JSON.stringify(t.cpu_ms_per_request)}`)
  }
  const pass = await report('rest', {
    query: SQL, rows_per_read: PAGE, notes: NOTES, sequential_reads: SEQUENTIAL,
    latency_ms: latency,
    median_ratio_to_pg: Object.fromEntries(Object.keys(paths).map((k) => [k, toPg(k as keyof typeof paths)])),
    gateway_adds_ms: Math.round((latency.gateway.median - latency.postgrest_alone.median) * 100) / 100,
    throughput,
    load_average: os.loadavg().map((l) => Math.round(l * 100) / 100),
  }, [
    target('median latency supabase-js / pg', '<=', 2, ratio),
    target('throughput req/s (supabase-js)', '>=', 2000, throughput.supabase_js.req_per_s),
  ])
  process.exitCode = pass ? 0 : 1
} finally {
  await alone.stop()
  await db.end()
  await stack.stop()
  await rm(dataDir, { recursive: true, force: true })
}
