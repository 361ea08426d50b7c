// Many engine-tick calls at once over the same runs: every transition happens exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { call, finished, readRun, savePipeline, simulated, storedPipeline } from './helpers.ts'

let stack: TestStack
let operator: Client

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '0' // no scheduler: this test's own calls are the only ticks
  stack = await startProjectStack()
  operator = await signIn(stack, 'operator@opzenix.dev')
})
afterAll(async () => { await stack?.stop() })

const graph = storedPipeline([
  ['src', 'source', { repository: 'acme/payments-api' }],
  ['fan', 'parallel_group', {}],
  ['b1', 'build', simulated(150, 'success', ['one', 'two'])],
  ['b2', 'test', simulated(300, 'success', ['three'])],
  ['b3', 'security_scan', simulated(0)],
  ['t', 'test', simulated(100)],
  ['deploy', 'deploy', { environment: 'dev' }],
], [['src', 'fan'], ['fan', 'b1'], ['fan', 'b2'], ['fan', 'b3'], ['b1', 't'], ['b2', 't'], ['b3', 't'], ['t', 'deploy']])

const RUNS = 6

describe('concurrent ticks', () => {
  it('never duplicate a transition, an effect or a log line', async () => {
    const templateId = await savePipeline(operator, graph)
    const ids: string[] = []
    for (let i = 0; i < RUNS; i++) {
      const answer = await call(stack, 'pipeline-execute', { flow_template_id: templateId, version: `race-${i}` }, operator)
      expect(answer.status).toBe(201)
      ids.push(answer.body.execution_id)
    }
    const eventsAfterStart = await eventCount()

    let reported = 0
    for (let round = 0; round < 200; round++) {
      const answers = await Promise.all(Array.from({ length: 12 }, () => call(stack, 'engine-tick', {}, stack.serviceRoleKey)))
      for (const a of answers) {
        expect(a.status).toBe(200)
        expect(a.body.errors).toEqual([])
        reported += a.body.transitions
      }
      const runs = await Promise.all(ids.map((id) => readRun(stack, id)))
      if (runs.every(finished)) break
    }

    for (const id of ids) {
      const run = await readRun(stack, id)
      expect(run.status).toBe('success')
      const { data: events } = await stack.service().from('execution_state_events')
        .select('node_id, old_state, new_state').eq('execution_id', id).order('id')
      const perNode = new Map<string, string[]>()
      for (const e of events!) perNode.set(e.node_id ?? '(run)', [...(perNode.get(e.node_id ?? '(run)') ?? []), `${e.old_state}→${e.new_state}`])
      expect(perNode.get('(run)')).toEqual(['queued→running', 'running→success'])
      for (const node of ['src', 'fan', 'b1', 'b2', 'b3', 't', 'deploy']) {
        expect({ node, moves: perNode.get(node) }).toEqual({ node, moves: ['pending→running', 'running→success'] })
      }
      const { data: logs } = await stack.service().from('execution_logs').select('node_id, message').eq('execution_id', id).in('node_id', ['b1', 'b2'])
      const messages = logs!.map((l) => `${l.node_id}:${l.message}`).filter((m) => !m.includes('simulated executor'))
      expect(messages.sort()).toEqual(['b1:[simulated] build finished: success', 'b1:one', 'b1:two', 'b2:[simulated] test finished: success', 'b2:three'])
      const { count } = await stack.service().from('deployments').select('*', { count: 'exact', head: true }).eq('execution_id', id)
      expect(count).toBe(1)
    }
    // Every transition a tick reported applied (the seeded run's pause included) left exactly one state event.
    expect(await eventCount()).toBe(eventsAfterStart + reported)
    expect(await eventCount(ids)).toBe(RUNS * 16)
    const { count: current } = await stack.service().from('deployment_versions').select('*', { count: 'exact', head: true })
      .eq('environment_id', DEMO.env.dev).eq('is_current', true)
    expect(current).toBe(1)
  })

  it('refuses a stale transition as a whole (OZ001) and changes nothing', async () => {
    const templateId = await savePipeline(operator, graph)
    const answer = await call(stack, 'pipeline-execute', { flow_template_id: templateId }, operator)
    const id = answer.body.execution_id as string
    const before = await readRun(stack, id)
    expect(before.nodes.src.status).toBe('success')
    const at = new Date().toISOString()
    const { error } = await stack.service().rpc('engine_apply', {
      _execution_id: id,
      _transitions: [
        { scope: 'node', nodeId: 'b1', from: 'running', to: 'success', reason: 'simulated_finished', at, effects: [] },
        { scope: 'node', nodeId: 'src', from: 'pending', to: 'running', reason: 'ready', at, effects: [] },
      ],
    })
    expect(error?.code).toBe('OZ001')
    expect(await readRun(stack, id)).toEqual(before)
    // Only the service role may call it at all.
    const { error: denied } = await operator.rpc('engine_apply', { _execution_id: id, _transitions: [] })
    expect(denied?.code).toBe('42501')
  })

  it('leaves a run it did not create (no nodes) alone instead of finishing it', async () => {
    const { data: row, error } = await stack.service().from('executions')
      .insert({ project_id: DEMO.project, name: 'hand-made', started_by: DEMO.users.operator }).select('id, status').single()
    expect(error).toBeNull()
    expect(row!.status).toBe('queued')
    const answer = await call(stack, 'engine-tick', { execution_id: row!.id }, stack.serviceRoleKey)
    expect(answer.body).toMatchObject({ executions: 1, transitions: 0, errors: [] })
    expect((await readRun(stack, row!.id)).status).toBe('queued')
  })
})

async function eventCount(ids?: string[]): Promise<number> {
  let query = stack.service().from('execution_state_events').select('*', { count: 'exact', head: true })
  if (ids) query = query.in('execution_id', ids)
  const { count } = await query
  return count ?? 0
}
