// The engine and the deploy queue: a deploy that reaches a locked or frozen environment waits in line (node
// waiting, a deploy_queue row with its position) and goes on in order once the environment opens; cancelling
// takes it out of the line; a freeze that begins after the run started holds the deploy when it gets there;
// a lock's expiry is lifted (and audited) by the tick; an approved break-glass of the starter lets a run through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { call, finished, nodeEvents, readRun, simulated, startRun, storedPipeline, waitFor } from '../engine/helpers.ts'

let stack: TestStack
let operator: Client
let admin: Client
let lead: Client
let viewer: Client
let n = 0

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '150'
  stack = await startProjectStack()
  ;[operator, admin, lead, viewer] = await Promise.all(['operator', 'admin', 'lead', 'viewer'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
}, 120_000)
afterAll(async () => { await stack?.stop() })

/** A fresh environment with no approvals, so only locks and freezes stand between a run and a deploy. */
async function environment(key: string): Promise<{ id: string; key: string }> {
  const k = `${key}-${++n}`
  const { data, error } = await stack.service().from('environments').insert({
    project_id: DEMO.project, key: k, display_name: k, tier: 'testing', position: 500 + n,
  }).select('id').single()
  if (error) throw new Error(error.message)
  return { id: data.id, key: k }
}

const pipeline = (env: string, buildMs = 50) => storedPipeline([
  ['src', 'source', { repository: 'acme/payments-api' }],
  ['build', 'build', simulated(buildMs)],
  ['deploy', 'deploy', { environment: env, strategy: 'rolling' }],
])

const start = (graph: ReturnType<typeof storedPipeline>, client = operator, version?: string) => startRun(stack, client, graph, version)

async function lock(environmentId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const { data, error } = await admin.from('environment_locks').insert({
    project_id: DEMO.project, environment_id: environmentId, is_locked: true, lock_reason: 'DB migration', ...fields,
  }).select('id').single()
  if (error) throw new Error(error.message)
  return data.id
}

/** The environment's queue as a member sees it: [execution id, position] in order. */
async function queue(environmentId: string): Promise<Array<[string, number]>> {
  const { data, error } = await viewer.from('deploy_queue_positions').select('execution_id, position')
    .eq('environment_id', environmentId).order('position')
  if (error) throw new Error(error.message)
  return data.map((r: any) => [r.execution_id, r.position])
}

const waitingDeploy = (id: string) => waitFor(() => readRun(stack, id), (r) => r.nodes.deploy.status === 'waiting')

describe('a deploy into a locked environment', () => {
  it('waits in the queue with its position, then both runs deploy in queue order once the lock is lifted', async () => {
    const env = await environment('queue')
    const lockId = await lock(env.id)
    const first = await start(pipeline(env.key), operator, 'q-1')
    const held = await waitingDeploy(first)
    expect(held.status).toBe('paused')
    expect(held.nodes.deploy.output).toMatchObject({
      reason: 'waiting_for_environment',
      detail: `waiting for lock on ${env.key} (position 1): environment ${env.key} is locked: DB migration`,
    })
    const second = await start(pipeline(env.key), operator, 'q-2')
    expect((await waitingDeploy(second)).nodes.deploy.output.detail).toMatch(new RegExp(`waiting for lock on ${env.key} \\(position 2\\)`))
    expect(await queue(env.id)).toEqual([[first, 1], [second, 2]])
    const { data: logs } = await viewer.from('execution_logs').select('message').eq('execution_id', second).eq('node_id', 'deploy')
    expect(logs!.map((l) => l.message)).toContainEqual(`Waiting for ${env.key} (position 2): waiting for lock on ${env.key} (position 2): environment ${env.key} is locked: DB migration`)

    // Still waiting a few ticks later: a queued deploy does not fail.
    await new Promise((r) => setTimeout(r, 600))
    expect((await readRun(stack, first)).nodes.deploy.status).toBe('waiting')

    expect((await admin.from('environment_locks').update({ is_locked: false }).eq('id', lockId)).error).toBeNull()
    const [a, b] = await Promise.all([first, second].map((id) => waitFor(() => readRun(stack, id), finished)))
    expect([a.status, b.status]).toEqual(['success', 'success'])
    expect(await nodeEvents(stack, first)).toEqual([
      'src:pending→running', 'src:running→success', 'build:pending→running', 'build:running→success',
      'deploy:pending→waiting', 'deploy:waiting→running', 'deploy:running→success',
    ])
    expect(a.nodes.deploy.output).toMatchObject({ queued_ms: expect.any(Number) })
    expect(a.nodes.deploy.output.reason).toBeUndefined()
    const deployed = await sql(stack, 'select execution_id, version from public.deployments where environment_id = $1 order by created_at, id', [env.id])
    expect(deployed).toEqual([{ execution_id: first, version: 'q-1' }, { execution_id: second, version: 'q-2' }])
    const [current] = await sql(stack, 'select version_tag from public.deployment_versions where environment_id = $1 and is_current', [env.id])
    expect(current.version_tag).toBe('q-2')
    expect(await queue(env.id)).toEqual([])
  })

  it('leaves the queue when its run is cancelled; the one behind moves up and deploys after the unlock', async () => {
    const env = await environment('cancel')
    const lockId = await lock(env.id)
    const first = await start(pipeline(env.key))
    await waitingDeploy(first)
    const second = await start(pipeline(env.key))
    await waitingDeploy(second)
    expect(await queue(env.id)).toEqual([[first, 1], [second, 2]])

    const cancelled = await call(stack, 'execution-cancel', { execution_id: first, reason: 'not needed' }, operator)
    expect(cancelled.status).toBe(200)
    expect((await readRun(stack, first)).nodes.deploy.status).toBe('cancelled')
    expect(await queue(env.id)).toEqual([[second, 1]])

    await admin.from('environment_locks').update({ is_locked: false }).eq('id', lockId)
    expect((await waitFor(() => readRun(stack, second), finished)).status).toBe('success')
    expect(await sql(stack, 'select execution_id from public.deployments where environment_id = $1', [env.id])).toEqual([{ execution_id: second }])
  })

  it('is held by a freeze window that began after the run started (checked when the deploy runs), and goes once it is gone', async () => {
    const env = await environment('freeze')
    const id = await start(pipeline(env.key, 1500))
    await waitFor(() => readRun(stack, id), (r) => r.nodes.build.status === 'running')
    const { data: freeze } = await admin.from('freeze_windows').insert({
      project_id: DEMO.project, environment_id: env.id, reason: 'Release freeze',
      starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString(),
    }).select('id').single()
    const held = await waitingDeploy(id)
    expect(held.nodes.build.status).toBe('success')
    expect(held.nodes.deploy.output.detail).toMatch(new RegExp(`^waiting for freeze window on ${env.key} \\(position 1\\): environment ${env.key} is frozen until .*: Release freeze$`))
    expect(await queue(env.id)).toEqual([[id, 1]])
    await admin.from('freeze_windows').delete().eq('id', freeze!.id)
    expect((await waitFor(() => readRun(stack, id), finished)).status).toBe('success')
  })

  it('proceeds when the lock reaches its expiry: the tick lifts it and audits the expiry', async () => {
    const env = await environment('expiry')
    const lockId = await lock(env.id, { expires_at: new Date(Date.now() + 2500).toISOString() })
    const id = await start(pipeline(env.key))
    await waitingDeploy(id)
    expect((await waitFor(() => readRun(stack, id), finished, 15_000)).status).toBe('success')
    await waitFor(() => sql(stack, `select 1 from public.audit_logs where action = 'environment.lock_expired' and resource_id = $1`, [lockId]), (rows) => rows.length === 1)
    expect((await sql(stack, 'select is_locked from public.environment_locks where id = $1', [lockId]))[0].is_locked).toBe(false)
  })

  it('goes through, ahead of the queue, for a starter holding an approved break-glass request, which it uses up', async () => {
    const env = await environment('glass')
    await lock(env.id)
    const waiting = await start(pipeline(env.key)) // the operator's run waits
    await waitingDeploy(waiting)
    const { data: request } = await admin.from('break_glass_requests')
      .insert({ environment_id: env.id, requested_by: DEMO.users.admin, reason_category: 'security_fix', reason: 'CVE-2026-1234 patch' })
      .select('id').single()
    expect((await lead.rpc('decide_break_glass', { _request_id: request!.id, _approve: true })).error).toBeNull()
    const urgent = await start(pipeline(env.key), admin, 'hotfix')
    const done = await waitFor(() => readRun(stack, urgent), finished)
    expect(done.status).toBe('success')
    const [deployment] = await sql(stack, 'select break_glass, deployed_by from public.deployments where execution_id = $1', [urgent])
    expect(deployment).toEqual({ break_glass: true, deployed_by: DEMO.users.admin })
    expect((await sql(stack, 'select status from public.break_glass_requests where id = $1', [request!.id]))[0].status).toBe('used')
    // The operator's deploy still waits for the lock.
    expect((await readRun(stack, waiting)).nodes.deploy.status).toBe('waiting')
    expect(await queue(env.id)).toEqual([[waiting, 1]])
  })
})
