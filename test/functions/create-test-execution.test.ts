import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'
import { finished } from './runs.ts'

let stack: TestStack
let as: Clients
const TABLES = ['executions', 'execution_nodes', 'deployments']

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('create-test-execution', () => {
  it('runs the built-in smoke test against an environment to completion through the scheduler, deploying nothing', async () => {
    const deploymentsBefore = (await counts(stack, ['deployments'])).deployments
    const reply = await invoke(as.operator, 'create-test-execution', { environment_id: DEMO.env.staging })
    expect(reply.status).toBe(201)
    const id = reply.body.execution_id
    const [run] = await sql(stack, 'select name, environment_id, started_by, trigger_source from public.executions where id = $1', [id])
    expect(run).toEqual({ name: 'Smoke test: Staging', environment_id: DEMO.env.staging, started_by: DEMO.users.operator, trigger_source: 'manual' })

    expect(await finished(stack, id)).toBe('success')
    const nodes = await sql(stack, 'select node_id, name, kind::text, status::text from public.execution_nodes where execution_id = $1 order by finished_at, started_at', [id])
    expect(nodes).toEqual([
      { node_id: 'source', name: 'Source', kind: 'source', status: 'success' },
      { node_id: 'smoke-health', name: 'smoke: health endpoints', kind: 'test', status: 'success' },
      { node_id: 'smoke-checkout', name: 'smoke: synthetic checkout', kind: 'test', status: 'success' },
      { node_id: 'notify', name: 'Notify', kind: 'notify', status: 'success' },
    ])
    // The simulated checks' lines reach the log panel.
    const logs = await invoke(as.viewer, 'fetch-node-logs', { execution_id: id, node_id: 'smoke-health' })
    expect(logs.body.lines.map((l: any) => l.message).join('\n')).toContain('staging/healthz → 200')
    expect((await counts(stack, ['deployments'])).deployments).toBe(deploymentsBefore)
  })

  it('lets admins and operators start one, refuses viewers (403), other organizations (404) and anonymous callers (401)', async () => {
    const started = await invoke(as.admin, 'create-test-execution', { environment_id: DEMO.env.dev })
    expect(started.status).toBe(201)
    expect(started.body.name).toBe('Smoke test: Development')
    await finished(stack, started.body.execution_id)

    const before = await counts(stack, TABLES)
    expectError(await invoke(as.viewer, 'create-test-execution', { environment_id: DEMO.env.dev }), 403, 'forbidden')
    expectError(await invoke(as.globex, 'create-test-execution', { environment_id: DEMO.env.dev }), 404, 'not_found')
    expectError(await invoke(as.anon, 'create-test-execution', { environment_id: DEMO.env.dev }), 401, 'unauthorized')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('answers bad input with the error shape and writes nothing', async () => {
    const before = await counts(stack, TABLES)
    for (const body of [{}, { environment_id: 'prod' }, { environment_id: 12 }, { environment_id: null }]) {
      expectError(await invoke(as.operator, 'create-test-execution', body), 400, 'invalid_input')
    }
    expectError(await invoke(as.operator, 'create-test-execution', { environment_id: '00000000-0000-4000-a000-00000000dead' }), 404, 'not_found')
    expectError(await rawPost(stack, as.operator, 'create-test-execution', DEMO.env.dev, 'text/plain'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.operator, 'create-test-execution', 'nope', 'application/json'), 400, 'invalid_input')
    expect(await counts(stack, TABLES)).toEqual(before)
  })
})
