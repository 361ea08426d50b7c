// Approval gates, deploys through the deploy guard, locks, and cancelling a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { call, finished, nodeEvents, readRun, simulated, startRun, storedPipeline, waitFor } from './helpers.ts'

let stack: TestStack
let operator: Client
let admin: Client
let lead: Client
let viewer: Client

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '150'
  stack = await startProjectStack()
  ;[operator, admin, lead, viewer] = await Promise.all(['operator', 'admin', 'lead', 'viewer'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
})
afterAll(async () => { await stack?.stop() })

const gated = (env: string) => storedPipeline([
  ['src', 'source', { repository: 'acme/payments-api' }],
  ['build', 'build', simulated(100)],
  ['gate', 'approval', { environment: env }],
  ['deploy', 'deploy', { environment: env, strategy: 'canary', duration_ms: 300 }],
])

const start = (graph: ReturnType<typeof storedPipeline>, version?: string) => startRun(stack, operator, graph, version)

async function openRequest(executionId: string) {
  const { data } = await operator.from('approval_requests').select('id, status, required_approvals, environment_id, node_id')
    .eq('execution_id', executionId).maybeSingle()
  return data
}

const vote = (client: Client, requestId: string, choice: 'approve' | 'reject', comment?: string) =>
  client.from('approval_votes').insert({ approval_request_id: requestId, vote: choice, comment })

describe('approval gates', () => {
  it('pause the run until an admin who did not start it approves; the deploy then records a current version', async () => {
    const id = await start(gated('staging'), 'v3.1.0')
    const paused = await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    expect(paused.nodes.gate.status).toBe('waiting')
    expect(paused.nodes.deploy.status).toBe('pending')
    const request = await openRequest(id)
    expect(request).toMatchObject({ status: 'pending', required_approvals: 1, environment_id: DEMO.env.staging, node_id: 'gate' })

    // The starter may not approve their own run; an admin may.
    expect((await vote(operator, request!.id, 'approve')).error?.message).toMatch(/starter cannot approve/)
    expect((await vote(admin, request!.id, 'approve', 'ship it')).error).toBeNull()

    const done = await waitFor(() => readRun(stack, id), finished)
    expect(done.status).toBe('success')
    expect(await nodeEvents(stack, id)).toEqual([
      'src:pending→running', 'src:running→success', 'build:pending→running', 'build:running→success',
      'gate:pending→waiting', 'gate:waiting→success', 'deploy:pending→running', 'deploy:running→success',
    ])
    const { data: deployments } = await viewer.from('deployments')
      .select('id, version, status, strategy, deployed_by, approval_request_id, environment_id').eq('execution_id', id)
    expect(deployments).toEqual([{
      id: expect.any(String), version: 'v3.1.0', status: 'success', strategy: 'canary',
      deployed_by: DEMO.users.operator, approval_request_id: request!.id, environment_id: DEMO.env.staging,
    }])
    const { data: current } = await viewer.from('deployment_versions').select('version_tag, deployment_id')
      .eq('environment_id', DEMO.env.staging).eq('is_current', true).single()
    expect(current).toEqual({ version_tag: 'v3.1.0', deployment_id: deployments![0].id })
    const { data: runEvents } = await viewer.from('execution_state_events').select('old_state, new_state')
      .eq('execution_id', id).is('node_id', null).order('id')
    expect(runEvents).toEqual([
      { old_state: 'queued', new_state: 'running' }, { old_state: 'running', new_state: 'paused' },
      { old_state: 'paused', new_state: 'running' }, { old_state: 'running', new_state: 'success' },
    ])
  })

  it('fail the run when rejected, and nothing is deployed', async () => {
    const id = await start(gated('uat'))
    await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    const request = await openRequest(id)
    expect((await vote(lead, request!.id, 'reject', 'failing canary metrics')).error).toBeNull()
    const done = await waitFor(() => readRun(stack, id), finished)
    expect(done.status).toBe('failed')
    expect(done.nodes.gate).toMatchObject({ status: 'failed', output: { reason: 'rejected', detail: 'failing canary metrics' } })
    expect(done.nodes.deploy.status).toBe('skipped')
    expect(done.error_message).toMatch(/failing canary metrics/)
    const { count } = await viewer.from('deployments').select('*', { count: 'exact', head: true }).eq('execution_id', id)
    expect(count).toBe(0)
  })
})

describe('deploys', () => {
  it('wait in the environment\'s queue when it is locked, recording no deployment (they no longer fail)', async () => {
    const id = await start(gated('preprod')) // seeded: locked for a load test, two approvals
    await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    const request = await openRequest(id)
    expect(request!.required_approvals).toBe(2)
    expect((await vote(admin, request!.id, 'approve')).error).toBeNull()
    expect((await vote(lead, request!.id, 'approve')).error).toBeNull()
    const held = await waitFor(() => readRun(stack, id), (r) => r.nodes.deploy.status === 'waiting')
    expect(held.status).toBe('paused')
    expect(held.nodes.deploy.output).toMatchObject({
      reason: 'waiting_for_environment', detail: 'waiting for lock on preprod (position 1): environment preprod is locked: Load test in progress',
    })
    const { data: queued } = await viewer.from('deploy_queue_positions').select('node_id, position').eq('execution_id', id)
    expect(queued).toEqual([{ node_id: 'deploy', position: 1 }])
    const { count } = await viewer.from('deployments').select('*', { count: 'exact', head: true }).eq('execution_id', id)
    expect(count).toBe(0)
    // Cancelling the run takes the deploy out of the queue (test/governance has the full queue behaviour).
    expect((await call(stack, 'execution-cancel', { execution_id: id }, operator)).status).toBe(200)
    expect((await viewer.from('deploy_queue_positions').select('node_id').eq('execution_id', id)).data).toEqual([])
  })
  it('fail with the deploy guard\'s words when the database refuses (an approval not tied to the environment)', async () => {
    const graph = gated('staging')
    graph.nodes[2].data.config = {} // a gate for "whatever follows": the rules accept it, the guard wants staging's own
    const id = await start(graph)
    await waitFor(() => readRun(stack, id), (r) => r.status === 'paused')
    expect((await vote(admin, (await openRequest(id))!.id, 'approve')).error).toBeNull()
    const done = await waitFor(() => readRun(stack, id), finished)
    expect(done.nodes.gate.status).toBe('success')
    expect(done.nodes.deploy).toMatchObject({
      status: 'failed', output: { reason: 'deploy_refused', detail: 'deploying to staging needs an approved request (1 approvals)' },
    })
    const { count } = await viewer.from('deployments').select('*', { count: 'exact', head: true }).eq('execution_id', id)
    expect(count).toBe(0)
  })
})

describe('execution-cancel', () => {
  it('cancels every unfinished node and the open request, once; a second cancel is a 409', async () => {
    const graph = storedPipeline([
      ['src', 'source', { repository: 'acme/payments-api' }],
      ['fan', 'parallel_group', {}],
      ['build', 'build', simulated(60_000)],
      ['gate', 'approval', { environment: 'dev' }],
      ['deploy', 'deploy', { environment: 'dev' }],
    ], [['src', 'fan'], ['fan', 'build'], ['fan', 'gate'], ['build', 'deploy'], ['gate', 'deploy']])
    const id = await start(graph)
    await waitFor(() => readRun(stack, id), (r) => r.nodes.build.status === 'running' && r.nodes.gate.status === 'waiting')

    expect((await call(stack, 'execution-cancel', { execution_id: id }, viewer)).status).toBe(403)
    expect((await call(stack, 'execution-cancel', { execution_id: 'nope' }, operator)).status).toBe(400)
    const answer = await call(stack, 'execution-cancel', { execution_id: id, reason: 'wrong branch' }, operator)
    expect(answer).toEqual({ status: 200, body: { execution_id: id, status: 'cancelled' } })

    const run = await readRun(stack, id)
    expect(run.status).toBe('cancelled')
    expect(run.error_message).toBe('Cancelled: wrong branch')
    expect(Object.fromEntries(Object.entries(run.nodes).map(([n, v]) => [n, v.status])))
      .toEqual({ src: 'success', fan: 'success', build: 'cancelled', gate: 'cancelled', deploy: 'cancelled' })
    expect((await openRequest(id))!.status).toBe('cancelled')
    const { data: last } = await viewer.from('execution_state_events').select('new_state, reason, actor_id')
      .eq('execution_id', id).is('node_id', null).order('id', { ascending: false }).limit(1).single()
    expect(last).toEqual({ new_state: 'cancelled', reason: 'cancelled: wrong branch', actor_id: DEMO.users.operator })

    const again = await call(stack, 'execution-cancel', { execution_id: id }, operator)
    expect(again).toEqual({ status: 409, body: { error: { code: 'conflict', message: expect.stringContaining('cancelled'), details: { status: 'cancelled' } } } })
    // Later ticks leave a cancelled run alone.
    const events = await nodeEvents(stack, id)
    await call(stack, 'engine-tick', { execution_id: id }, stack.serviceRoleKey)
    expect(await nodeEvents(stack, id)).toEqual(events)
  })
})
