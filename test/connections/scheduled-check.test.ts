// The local scheduler's connection-health-check run (OPZENIX_HEALTH_CHECK_MS): every connection is checked with
// the service role, writing a connection_health_events row and the connection's status, with nobody pressing
// Check now. An OTel collector played by a recording server is the connection under test.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScheduler } from '../../stack/scheduler.ts'
import { DEMO, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'

const saved = { ...process.env }
let remote: RecordingServer
let stack: ProjectStack

beforeAll(async () => {
  remote = await startRecordingServer([{ method: 'POST', path: '/v1/traces', reply: { status: 200, json: {} } }])
  Object.assign(process.env, { OPZENIX_HEALTH_CHECK_MS: '400', OPZENIX_TICK_MS: '0', OPZENIX_EXPORT_MS: '0' })
  // Every outside service the seed's connections name answers from the recording server, quickly.
  stack = await startProjectWithEnv({ GITHUB_API_URL: remote.url, AZURE_AUTHORITY_URL: remote.url, AZURE_ARM_URL: remote.url, CONNECTION_TIMEOUT_MS: '1000' })
})
afterAll(async () => {
  await stack?.stop()
  await remote?.stop()
  for (const key of ['OPZENIX_HEALTH_CHECK_MS', 'OPZENIX_TICK_MS', 'OPZENIX_EXPORT_MS']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('scheduled health checks', () => {
  it('check a new connection on their own and record the result', async () => {
    const [{ id }] = await sql(stack, `insert into public.connections (organization_id, type, name, config)
      values ($1, 'otel', 'Scheduled collector', jsonb_build_object('endpoint', $2::text)) returning id`, [DEMO.acme, remote.url])
    const event = await until(async () => (await sql(stack, `select status, response_time_ms, message from public.connection_health_events where connection_id = $1`, [id]))[0])
    expect(event).toMatchObject({ status: 'healthy', message: 'The OTLP collector accepted an empty export (HTTP 200)' })
    expect(event.response_time_ms).toBeTypeOf('number')
    expect(remote.received('/v1/traces', 'POST').length).toBeGreaterThan(0)
    const [connection] = await sql(stack, `select status, validated, last_validated_at from public.connections where id = $1`, [id])
    expect(connection).toMatchObject({ status: 'healthy', validated: true })
    expect(connection.last_validated_at).toBeInstanceOf(Date)
    // The next run checks it again: a history builds up without anyone pressing Check now.
    await until(async () => Number((await sql(stack, `select count(*) from public.connection_health_events where connection_id = $1`, [id]))[0].count) >= 2 || undefined)
  }, 60_000)

  it('is scheduled only when OPZENIX_HEALTH_CHECK_MS is not 0', async () => {
    const started = (ms: string) => {
      process.env.OPZENIX_HEALTH_CHECK_MS = ms
      const lines: string[] = []
      const scheduler = startScheduler({ apiUrl: 'http://127.0.0.1:9', serviceRoleKey: 'x', functionsDir: path.resolve('supabase/functions'), intervalMs: 0, log: (l) => lines.push(l) })
      void scheduler.stop()
      return lines.filter((l) => l.includes('connection-health-check'))
    }
    expect(started('0')).toEqual([])
    expect(started('')).toEqual(['scheduler: connection-health-check every 300000 ms'])
    process.env.OPZENIX_HEALTH_CHECK_MS = '400'
  })
})
