// Starting runs through pipeline-execute and watching the scheduler's ticks carry them to the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'
import { call, countFor, finished, nodeEvents, readRun, savePipeline, simulated, storedPipeline, waitFor } from './helpers.ts'

let stack: TestStack
let operator: Client
let viewer: Client
let globex: Client
let pipelineId: string

const release = storedPipeline([
  ['src', 'source', { repository: 'acme/payments-api' }],
  ['build', 'build', simulated(2500, 'success', ['compiling', 'linking', 'packing'])],
  ['test', 'test', simulated(200)],
  ['scan', 'security_scan', simulated(100, 'warning', ['1 medium finding'])],
  ['cp', 'checkpoint', { label: 'tested' }],
  ['deploy', 'deploy', { environment: 'dev', strategy: 'rolling' }],
])

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '150'
  stack = await startProjectStack()
  ;[operator, viewer, globex] = await Promise.all(['operator', 'viewer', 'globex'].map((u) => signIn(stack, `${u}@opzenix.dev`)))
  pipelineId = await savePipeline(operator, release)
})
afterAll(async () => { await stack?.stop() })

const runsOf = async (templateId: string) => {
  const { count } = await stack.service().from('executions').select('*', { count: 'exact', head: true }).eq('flow_template_id', templateId)
  return count ?? 0
}

describe('pipeline-execute', () => {
  it('lets an operator start a saved pipeline that the scheduler runs to the end, with simulated logs streamed', async () => {
    const { data, error } = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: pipelineId, version: 'v2.4.0' } })
    expect(error).toBeNull()
    const id = data.execution_id as string
    expect(data.version).toBe('v2.4.0')

    const run = await waitFor(() => readRun(stack, id), finished)
    expect(run.status).toBe('warning') // the scan warned; everything ran
    expect(run.progress).toBe(100)
    expect(run.started_by).toBe(DEMO.users.operator)
    expect(Object.fromEntries(Object.entries(run.nodes).map(([node, n]) => [node, n.status]))).toEqual({
      src: 'success', build: 'success', test: 'success', scan: 'warning', cp: 'success', deploy: 'success',
    })

    // Each node moved exactly pending → running → finished, once, in graph order.
    expect(await nodeEvents(stack, id)).toEqual([
      'src:pending→running', 'src:running→success', 'build:pending→running', 'build:running→success',
      'test:pending→running', 'test:running→success', 'scan:pending→running', 'scan:running→warning',
      'cp:pending→running', 'cp:running→success', 'deploy:pending→running', 'deploy:running→success',
    ])
    const { data: runEvents } = await stack.service().from('execution_state_events')
      .select('old_state, new_state, reason').eq('execution_id', id).is('node_id', null).order('id')
    expect(runEvents).toEqual([
      { old_state: 'queued', new_state: 'running', reason: 'started' },
      { old_state: 'running', new_state: 'warning', reason: 'finished' },
    ])

    // The operator (a member) reads the build's log: labelled simulated, written over the step's duration.
    const { data: logs } = await operator.from('execution_logs').select('message, level, metadata, created_at')
      .eq('execution_id', id).eq('node_id', 'build').order('id')
    expect(logs!.map((l) => l.message)).toEqual([
      expect.stringMatching(/^simulated executor: /), 'compiling', 'linking', 'packing', '[simulated] build finished: success',
    ])
    expect(logs!.every((l) => l.metadata?.simulated === true)).toBe(true)
    expect(new Set(logs!.map((l) => l.created_at)).size).toBeGreaterThan(2)
    const { data: scanLogs } = await operator.from('execution_logs').select('message, level').eq('execution_id', id).eq('node_id', 'scan').order('id')
    expect(scanLogs!.at(-1)).toEqual({ message: '[simulated] security_scan finished: warning', level: 'warn' })

    // The deploy shipped the version to dev as the operator, and it is dev's current version now.
    const { data: deployments } = await operator.from('deployments').select('id, version, status, strategy, deployed_by').eq('execution_id', id)
    expect(deployments).toEqual([{ id: expect.any(String), version: 'v2.4.0', status: 'success', strategy: 'rolling', deployed_by: DEMO.users.operator }])
    const { data: current } = await operator.from('deployment_versions').select('version_tag, deployment_id')
      .eq('environment_id', DEMO.env.dev).eq('is_current', true).single()
    expect(current).toEqual({ version_tag: 'v2.4.0', deployment_id: deployments![0].id })
    const { data: checkpoints } = await operator.from('checkpoints').select('node_id, name, state').eq('execution_id', id)
    expect(checkpoints).toEqual([{ node_id: 'cp', name: 'tested', state: expect.objectContaining({ version: 'v2.4.0' }) }])
    expect(Object.keys(checkpoints![0].state.nodes).sort()).toEqual(['build', 'cp', 'scan', 'src', 'test'])
  })

  it('answers 201 and names the version after the pipeline when none is given', async () => {
    const answer = await call(stack, 'pipeline-execute', { flow_template_id: pipelineId, name: 'Nightly payments' }, operator)
    expect(answer.status).toBe(201)
    expect(answer.body.version).toMatch(new RegExp(`^nightly-payments-\\d{8}-${answer.body.execution_id.slice(0, 7)}$`))
    await waitFor(() => readRun(stack, answer.body.execution_id), finished)
  })

  it('refuses a viewer with 403 and creates nothing', async () => {
    const before = await runsOf(pipelineId)
    const answer = await call(stack, 'pipeline-execute', { flow_template_id: pipelineId }, viewer)
    expect(answer).toEqual({ status: 403, body: { error: { code: 'forbidden', message: expect.stringContaining('operator') } } })
    expect(await runsOf(pipelineId)).toBe(before)
  })

  it('answers 404 to a user of another organization, who cannot see the pipeline', async () => {
    const before = await runsOf(pipelineId)
    const answer = await call(stack, 'pipeline-execute', { flow_template_id: pipelineId }, globex)
    expect(answer).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } })
    expect(await runsOf(pipelineId)).toBe(before)
  })

  it('refuses bad input with 4xx and the error shape, writing nothing', async () => {
    const before = await stack.service().from('executions').select('*', { count: 'exact', head: true })
    const cases: Array<[unknown, number, string, string?]> = [
      [{}, 400, 'invalid_input'],
      [{ flow_template_id: 'not-a-uuid' }, 400, 'invalid_input'],
      [{ flow_template_id: pipelineId, environment: 'Prod!' }, 400, 'invalid_input'],
      [{ flow_template_id: pipelineId, environment: 'mars' }, 400, 'invalid_input'],
      [{ flow_template_id: '00000000-0000-4000-a000-00000000dead' }, 404, 'not_found'],
      ['flow_template_id=x', 415, 'unsupported_media_type', 'text/plain'],
      ['{"flow_template_id": ', 400, 'invalid_input'],
    ]
    for (const [body, status, code, type] of cases) {
      const answer = await call(stack, 'pipeline-execute', body, operator, type)
      expect({ body, status: answer.status, code: answer.body?.error?.code }).toEqual({ body, status, code })
      expect(typeof answer.body.error.message).toBe('string')
    }
    const after = await stack.service().from('executions').select('*', { count: 'exact', head: true })
    expect(after.count).toBe(before.count)
  })

  it('refuses a pipeline the rules reject with 400 listing the issues, writing nothing', async () => {
    const broken = await savePipeline(operator, storedPipeline([
      ['src', 'source', { repository: 'acme/payments-api' }],
      ['build', 'build', simulated(10)],
      ['prod', 'deploy', { environment: 'prod' }], // protected: needs a gate first
    ]))
    const answer = await call(stack, 'pipeline-execute', { flow_template_id: broken }, operator)
    expect(answer.status).toBe(400)
    expect(answer.body.error.code).toBe('invalid_input')
    expect(answer.body.error.details.issues.map((i: any) => i.code)).toEqual(['unapproved_protected_deploy'])
    const noDeploy = await savePipeline(operator, storedPipeline([['src', 'source', { repository: 'acme/x' }], ['b', 'build', { executor: { type: 'simulated', duration_ms: -1 } }]]))
    const second = await call(stack, 'pipeline-execute', { flow_template_id: noDeploy }, operator)
    expect(second.status).toBe(400)
    expect(second.body.error.details.issues.map((i: any) => i.code).sort()).toEqual(['invalid_config', 'missing_deploy'])
    expect(await runsOf(broken)).toBe(0)
    expect(await runsOf(noDeploy)).toBe(0)
  })
})

describe('engine-tick', () => {
  it('refuses anyone but the service role', async () => {
    expect((await call(stack, 'engine-tick', {}, operator)).status).toBe(403)
    expect(await call(stack, 'engine-tick', {}, stack.anonKey)).toEqual({ status: 403, body: { error: { code: 'forbidden', message: expect.any(String) } } })
    const served = await call(stack, 'engine-tick', {}, stack.serviceRoleKey)
    expect(served.status).toBe(200)
    expect(served.body).toMatchObject({ executions: expect.any(Number), transitions: expect.any(Number), errors: [] })
  })
})
