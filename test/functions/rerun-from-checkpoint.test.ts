import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, sql, startProjectStack } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, type Clients } from './helpers.ts'
import { createPipeline, failingPipeline, finished, runToEnd } from './runs.ts'

let stack: TestStack
let as: Clients
let withCheckpoint: string
let withoutCheckpoint: string
const TABLES = ['executions', 'execution_nodes']

const nodes = async (executionId: string) => Object.fromEntries((await sql(stack,
  'select node_id, status, attempt, started_at, output from public.execution_nodes where execution_id = $1', [executionId]))
  .map((n) => [n.node_id, n]))

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
  withCheckpoint = await createPipeline(stack, 'Rerun: with checkpoint', failingPipeline(true))
  withoutCheckpoint = await createPipeline(stack, 'Rerun: no checkpoint', failingPipeline(false))
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('rerun-from-checkpoint', () => {
  it('reruns a failed run from its last checkpoint: earlier results reused, the rest run again, attempts linked', async () => {
    const first = await runToEnd(stack, as.operator, withCheckpoint)
    expect(first.status).toBe('failed')
    const before = await nodes(first.id)

    const reply = await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: first.id })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({ attempt: 2, rerun_of_id: first.id, checkpoint_node_id: 'cp', reused: ['source', 'build', 'cp'] })
    expect([...reply.body.rerun].sort()).toEqual(['deploy', 'test'])
    const second = reply.body.execution_id
    const [run] = await sql(stack, 'select rerun_of_id, attempt, trigger_source, started_by, rerun_from_node_id, name from public.executions where id = $1', [second])
    expect(run).toEqual({ rerun_of_id: first.id, attempt: 2, trigger_source: 'rerun', started_by: DEMO.users.operator, rerun_from_node_id: 'cp', name: 'Rerun: with checkpoint' })

    expect(await finished(stack, second)).toBe('failed')
    const after = await nodes(second)
    for (const id of ['source', 'build', 'cp']) {
      expect(after[id]).toMatchObject({ status: 'success', attempt: 1, started_at: before[id].started_at })
      expect(after[id].output).toMatchObject({ reused: true, reused_from: first.id })
    }
    // The failing test ran again as attempt 2 (a new start, its own state events), and still failed.
    expect(after.test).toMatchObject({ status: 'failed', attempt: 2 })
    expect(after.test.started_at.getTime()).toBeGreaterThan(before.test.started_at.getTime())
    expect(after.deploy.status).toBe('skipped')
    const events = await sql(stack, `select node_id, new_state from public.execution_state_events where execution_id = $1 and node_id is not null`, [second])
    expect(events.map((e) => e.node_id)).not.toContain('build')
    expect(events).toContainEqual({ node_id: 'test', new_state: 'failed' })

    // A run is rerun once; its rerun can be rerun in turn (as an admin, naming the checkpoint node).
    const again = await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: first.id })
    expectError(again, 409, 'conflict')
    expect(again.body.error.details.execution_id).toBe(second)
    const third = await invoke(as.admin, 'rerun-from-checkpoint', { execution_id: second, checkpoint_id: 'cp' })
    expect(third.status).toBe(201)
    expect(third.body).toMatchObject({ attempt: 3, rerun_of_id: second })
    expect(await finished(stack, third.body.execution_id)).toBe('failed')
  })

  it('starts from a checkpoint named by its checkpoints row', async () => {
    const run = await runToEnd(stack, as.operator, withCheckpoint)
    const [checkpoint] = await sql(stack, 'select id from public.checkpoints where execution_id = $1', [run.id])
    expect(checkpoint).toBeDefined()
    const reply = await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: run.id, checkpoint_id: checkpoint.id })
    expect(reply.status).toBe(201)
    expect(reply.body.checkpoint_node_id).toBe('cp')
  })

  it('refuses runs it cannot rerun with 409 or 404 and a clear message, writing nothing', async () => {
    const plain = await runToEnd(stack, as.operator, withoutCheckpoint)
    const failed = await runToEnd(stack, as.operator, withCheckpoint)
    const [succeeded] = await sql(stack, `select id from public.executions where status = 'success' limit 1`)
    const before = await counts(stack, TABLES)

    const noCheckpoint = await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: plain.id })
    expectError(noCheckpoint, 409, 'conflict')
    expect(noCheckpoint.body.error.message).toMatch(/passed no checkpoint/)
    expectError(await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: DEMO.runningExecution }), 409, 'conflict')
    const success = await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: succeeded.id })
    expectError(success, 409, 'conflict')
    expect(success.body.error.message).toMatch(/only a failed or cancelled run/)
    expectError(await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: failed.id, checkpoint_id: 'test' }), 404, 'not_found')
    expectError(await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: failed.id, checkpoint_id: '00000000-0000-4000-a000-00000000dead' }), 404, 'not_found')
    expectError(await invoke(as.operator, 'rerun-from-checkpoint', { execution_id: '00000000-0000-4000-a000-00000000dead' }), 404, 'not_found')

    // Roles: viewers may not, other organizations cannot see the run, anonymous callers are not signed in.
    expectError(await invoke(as.viewer, 'rerun-from-checkpoint', { execution_id: failed.id }), 403, 'forbidden')
    expectError(await invoke(as.globex, 'rerun-from-checkpoint', { execution_id: failed.id }), 404, 'not_found')
    expectError(await invoke(as.anon, 'rerun-from-checkpoint', { execution_id: failed.id }), 401, 'unauthorized')

    for (const body of [{}, { execution_id: 'nope' }, { execution_id: failed.id, checkpoint_id: 5 }, { execution_id: failed.id, checkpoint_id: '  ' }]) {
      expectError(await invoke(as.operator, 'rerun-from-checkpoint', body), 400, 'invalid_input')
    }
    expectError(await rawPost(stack, as.operator, 'rerun-from-checkpoint', failed.id, 'text/plain'), 415, 'unsupported_media_type')
    expectError(await rawPost(stack, as.operator, 'rerun-from-checkpoint', '{', 'application/json'), 400, 'invalid_input')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('keeps attempt links in the database: numbered there, one rerun per run, never repointed', async () => {
    const run = await runToEnd(stack, as.operator, withCheckpoint)
    // Even written straight through the API, the attempt number and source come from the database.
    const { data, error } = await as.operator.from('executions').insert({
      project_id: DEMO.project, name: 'hand-made rerun', status: 'idle', started_by: DEMO.users.operator, rerun_of_id: run.id, attempt: 9, trigger_source: 'manual',
    }).select('id, attempt, trigger_source').single()
    expect(error).toBeNull()
    expect(data).toMatchObject({ attempt: 2, trigger_source: 'rerun' })
    const twice = await as.operator.from('executions').insert({ project_id: DEMO.project, name: 'twice', started_by: DEMO.users.operator, rerun_of_id: run.id })
    expect(twice.error?.code).toBe('23505')
    const repoint = await as.operator.from('executions').update({ attempt: 5 }).eq('id', data!.id)
    expect(repoint.error?.message).toMatch(/cannot change/)
  })
})
