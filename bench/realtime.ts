// Realtime benchmark: 100 supabase-js clients, each signed in as its own user, subscribed to INSERTs on
// `notes` under RLS. Half the notes are public (every client receives them), half private (only the owner).
// Phase 1 paces inserts to measure insert→client latency; phase 2 inserts as fast as four writers can to
// measure the delivered change rate. Every expected delivery is checked: nothing may be lost.
// The stack runs in a child process (this file with --serve) so clients and server do not share an event loop.
// The raw Postgres figure of the same run: during phase 1 a second writer commits an insert that NOTIFYs a
// `pg` LISTEN client, at the same pace, so the ratio compares the stack with the floor Postgres itself sets
// (commit → a listener woken) under the same load. CPU per change, by program, says where the rest goes.
//
// Run: npx tsx bench/realtime.ts
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import ws from 'ws'
import { signJwt } from '../stack/jwt.ts'
import { freePort } from '../stack/net.ts'
import { startStack } from '../stack/stack.ts'
import { clientCpu, cpuSpent, treeCpu } from './lib/cpu.ts'
import { report, target } from './lib/results.ts'
import { summarize } from './lib/stats.ts'

const CLIENTS = 100
const PACED_INSERTS = 500
const PACED_RATE = 50 // inserts per second, about 2,500 deliveries per second
const BURST_INSERTS = 2000
const WRITERS = 4
const PHASE_TIMEOUT_MS = 120_000
const here = path.dirname(fileURLToPath(import.meta.url))
const FIXTURE = path.resolve(here, '../test/fixtures/project')

interface Served { apiUrl: string; dbUrl: string; anonKey: string; jwtSecret: string }

async function serve(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opzenix-bench-'))
  const stack = await startStack({
    workdir: FIXTURE, dataDir, apiPort: await freePort(), dbPort: await freePort(), fresh: true, ephemeral: true, databaseUrl: undefined,
    log: (line) => { if (line.startsWith('[realtime]')) process.stderr.write(`${line}\n`) },
  })
  const served: Served = { apiUrl: stack.apiUrl, dbUrl: stack.dbUrl, anonKey: stack.anonKey, jwtSecret: stack.jwtSecret }
  console.log(JSON.stringify(served))
  const stop = async () => {
    await stack.stop()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

function startServer(): Promise<{ child: ChildProcess; served: Served }> {
  const child = spawn(process.execPath, [...process.execArgv, ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/rtprof'] : []), fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => reject(new Error('stack did not start in 120 s')), 120_000)
    child.stdout!.on('data', (chunk) => {
      buffer += chunk
      const line = buffer.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        clearTimeout(timer)
        resolve({ child, served: JSON.parse(line) })
      }
    })
    child.on('exit', (code) => reject(new Error(`stack process exited with ${code}`)))
  })
}

interface Subscriber { userId: string; client: SupabaseClient<any, 'public', any>; received: Map<number, number> }

const round = (n: number) => Math.round(n * 10) / 10

async function main(): Promise<void> {
  const { child, served } = await startServer()
  const db = new pg.Pool({ connectionString: served.dbUrl, max: WRITERS + 1 })
  const listener = new pg.Client({ connectionString: served.dbUrl })
  const subscribers: Subscriber[] = []
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const userId = randomUUID()
      await db.query(`insert into auth.users (id, aud, role, email, created_at, updated_at) values ($1, 'authenticated', 'authenticated', $2, now(), now())`, [userId, `bench-${i}@example.com`])
      const token = await signJwt({ sub: userId, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, served.jwtSecret)
      const client = createClient(served.apiUrl, served.anonKey, { accessToken: async () => token, realtime: { transport: ws as any } })
      await client.realtime.setAuth(token)
      subscribers.push({ userId, client, received: new Map() })
    }
    const sentAt = new Map<number, number>()
    await Promise.all(subscribers.map((s) => new Promise<void>((resolve, reject) => {
      s.client.channel('bench')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'notes' }, (change: any) => {
          s.received.set(change.new.id, performance.now())
        })
        .subscribe((status, error) => {
          if (status === 'SUBSCRIBED') resolve()
          else if (status !== 'CLOSED') reject(error ?? new Error(status))
        })
    })))

    // expected: note id -> who must receive it
    const expected = new Map<number, Subscriber[] | 'all'>()
    let counter = 0
    const insertOne = async (client: pg.Pool | pg.PoolClient) => {
      const n = counter++
      const owner = subscribers[n % CLIENTS]
      const isPublic = n % 2 === 0
      const started = performance.now()
      const { rows } = await client.query<{ id: string }>('insert into public.notes (owner_id, body, is_public) values ($1, $2, $3) returning id', [owner.userId, `bench ${n}`, isPublic])
      const id = Number(rows[0].id)
      sentAt.set(id, started)
      expected.set(id, isPublic ? 'all' : [owner])
      return id
    }
    const deliveriesOf = (ids: number[]) => ids.reduce((sum, id) => sum + (expected.get(id) === 'all' ? CLIENTS : 1), 0)
    const receivedOf = (ids: Set<number>) => subscribers.reduce((sum, s) => {
      let count = 0
      for (const id of s.received.keys()) if (ids.has(id)) count++
      return sum + count
    }, 0)
    const waitForAll = async (ids: number[]) => {
      const want = deliveriesOf(ids)
      const idSet = new Set(ids)
      const deadline = Date.now() + PHASE_TIMEOUT_MS
      while (receivedOf(idSet) < want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      return { want, got: receivedOf(idSet) }
    }

    // The raw figure: insert + NOTIFY committed through pg, until the LISTEN client has it.
    await listener.connect()
    await listener.query('listen bench_raw')
    const rawSent = new Map<string, number>()
    const rawLatencies: number[] = []
    listener.on('notification', (n) => {
      const at = rawSent.get(n.payload!)
      if (at !== undefined) rawLatencies.push(performance.now() - at)
    })
    const rawWriter = await db.connect()
    let rawQueue = Promise.resolve()
    // One at a time on its connection (a write still running delays the next, as for the stack's writer).
    const rawOne = (i: number) => (rawQueue = rawQueue.then(async () => {
      rawSent.set(String(i), performance.now())
      await rawWriter.query(`with c as (insert into public.open_counters (label) values ('bench') returning id) select pg_notify('bench_raw', $1) from c`, [String(i)])
    }))

    // Phase 1: paced inserts, latency per delivery.
    const pacedIds: number[] = []
    const cpuBefore = { server: treeCpu(child.pid!), client: clientCpu() }
    const phaseStart = performance.now()
    for (let i = 0; i < PACED_INSERTS; i++) {
      const due = phaseStart + (i * 1000) / PACED_RATE
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      void rawOne(i)
      pacedIds.push(await insertOne(db))
    }
    const paced = await waitForAll(pacedIds)
    await rawQueue
    rawWriter.release()
    const cpu = cpuSpent(cpuBefore.server, treeCpu(child.pid!))
    const cpuMsPerChange = Object.fromEntries(Object.entries({ ...cpu, bench_client: clientCpu() - cpuBefore.client })
      .map(([name, seconds]) => [name, Math.round((seconds * 1000 / PACED_INSERTS) * 100) / 100]))
    const latencies: number[] = []
    for (const s of subscribers) {
      for (const id of pacedIds) {
        const at = s.received.get(id)
        if (at !== undefined) latencies.push(at - sentAt.get(id)!)
      }
    }

    // Phase 2: as fast as the writers go; rate = changes fully delivered per second.
    const burstIds: number[] = []
    const burstStart = performance.now()
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      const conn = await db.connect()
      try {
        while (counter < PACED_INSERTS + BURST_INSERTS) burstIds.push(await insertOne(conn))
      } finally {
        conn.release()
      }
    }))
    const burst = await waitForAll(burstIds)
    let lastArrival = burstStart
    const burstSet = new Set(burstIds)
    for (const s of subscribers) for (const [id, at] of s.received) if (burstSet.has(id) && at > lastArrival) lastArrival = at
    const burstSeconds = (lastArrival - burstStart) / 1000

    // Nobody may receive a private note that is not theirs.
    let leaked = 0
    for (const s of subscribers) {
      for (const id of s.received.keys()) {
        const who = expected.get(id)
        if (who !== 'all' && !who?.includes(s)) leaked++
      }
    }

    const raw = summarize(rawLatencies)
    const latency = summarize(latencies)
    const burstRate = round(BURST_INSERTS / burstSeconds)
    const lost = paced.want - paced.got + burst.want - burst.got
    const ratio = Math.round((latency.median / raw.median) * 10) / 10
    console.log(`realtime: ${CLIENTS} clients under RLS`)
    console.log(`  latency p50 ${latency.median} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms (${latencies.length} deliveries at ${PACED_RATE} inserts/s)`)
    console.log(`  raw pg insert → NOTIFY → LISTEN client, same run: p50 ${raw.median} ms, p95 ${raw.p95} ms; ratio (p50) ${ratio}×`)
    console.log(`  CPU ms per paced change: ${Object.entries(cpuMsPerChange).map(([k, v]) => `${k} ${v}`).join(', ')}`)
    console.log(`  burst: ${burstRate} changes/s, ${round(burst.got / burstSeconds)} deliveries/s`)
    console.log(`  lost ${lost}, leaked ${leaked}`)
    const pass = await report('realtime', {
      clients: CLIENTS,
      paced: { inserts: PACED_INSERTS, rate_per_s: PACED_RATE, deliveries_expected: paced.want, deliveries_received: paced.got },
      latency_ms: { measured: 'insert sent → change received by a client (includes the commit)', ...latency },
      raw_pg_notify_ms: { measured: 'insert + pg_notify sent through pg → received by a pg LISTEN client, same pace, same run', ...raw },
      median_ratio_to_raw: ratio,
      cpu_ms_per_paced_change: cpuMsPerChange,
      burst: {
        inserts: BURST_INSERTS, writers: WRITERS, seconds: round(burstSeconds),
        changes_per_s: burstRate, deliveries_per_s: round(burst.got / burstSeconds),
        deliveries_expected: burst.want, deliveries_received: burst.got,
      },
      lost,
      leaked_private_rows: leaked,
      load_average: os.loadavg().map((l) => Math.round(l * 100) / 100),
    }, [
      target('latency p50 ms, 100 subscribers under RLS', '<=', 20, latency.median),
      target('latency p95 ms', '<=', 60, latency.p95),
      target('burst changes/s fully delivered', '>=', 200, burstRate),
      target('deliveries lost', '<=', 0, lost),
      target('private rows leaked', '<=', 0, leaked),
    ])
    process.exitCode = pass ? 0 : 1
  } finally {
    await Promise.all(subscribers.map((s) => s.client.realtime.disconnect().catch(() => {})))
    await listener.end().catch(() => {})
    await db.end()
    child.kill('SIGTERM')
    await new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 15_000) })
  }
}

if (process.argv.includes('--serve')) await serve()
else await main()
