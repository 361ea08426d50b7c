// CI/CD spans out: driving an execution and its nodes to final statuses (as the engine does, with the
// service role) leaves OpenTelemetry CI/CD semantic-convention spans in telemetry_signals: one SERVER
// pipeline-run span per run and one INTERNAL task span per node, children of the run span, in one trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import type { TestStack } from '../helpers/stack.ts'

let stack: TestStack
let service: Client

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
})
afterAll(() => stack?.stop())

async function startRun(name: string, nodes: Array<{ node_id: string; name: string; kind: string }>): Promise<string> {
  const { data, error } = await service.from('executions')
    .insert({ project_id: DEMO.project, name, status: 'running', started_at: new Date(Date.now() - 60_000).toISOString(), branch: 'main', commit_sha: 'abc1234' })
    .select('id').single()
  if (error) throw new Error(error.message)
  const inserted = await service.from('execution_nodes').insert(nodes.map((n) => ({ ...n, execution_id: data.id, project_id: DEMO.project })))
  if (inserted.error) throw new Error(inserted.error.message)
  return data.id
}

async function setNode(executionId: string, nodeId: string, ...statuses: string[]) {
  for (const status of statuses) {
    const { error } = await service.from('execution_nodes').update({ status, ...(status === 'running' ? { started_at: new Date().toISOString() } : {}) })
      .eq('execution_id', executionId).eq('node_id', nodeId)
    if (error) throw new Error(`${nodeId} → ${status}: ${error.message}`)
  }
}

const spansOf = (executionId: string) =>
  sql(stack, `select * from public.telemetry_signals where execution_id = $1 and source = 'opzenix' order by kind desc, name`, [executionId])

describe('CI/CD spans', () => {
  it('writes a task span per finished node and a run span when the run fails, in one trace', async () => {
    const id = await startRun('payments-deploy #7', [
      { node_id: 'build', name: 'Build image', kind: 'build' },
      { node_id: 'tests', name: 'Unit tests', kind: 'simulated' },
      { node_id: 'prod', name: 'Deploy prod', kind: 'deploy' },
    ])
    await setNode(id, 'build', 'running', 'success')
    await setNode(id, 'tests', 'running', 'failed')
    expect(await spansOf(id)).toHaveLength(2) // the run is still going: no run span yet
    await setNode(id, 'prod', 'skipped')
    const { error } = await service.from('executions').update({ status: 'failed', error_message: 'Unit tests failed' }).eq('id', id)
    expect(error).toBeNull()

    const spans = await spansOf(id)
    const traceId = id.replaceAll('-', '')
    const run = spans.find((s) => s.kind === 'server')!
    expect(run).toMatchObject({
      name: 'RUN payments-deploy', signal_type: 'trace', status: 'error', otel_trace_id: traceId, parent_span_id: null,
      attributes: {
        'cicd.pipeline.name': 'payments-deploy', 'cicd.pipeline.run.id': id, 'cicd.pipeline.result': 'failure',
        'cicd.pipeline.action.name': 'RUN', 'error.type': 'failure', 'vcs.ref.head.revision': 'abc1234',
      },
    })
    expect(run.ended_at.getTime()).toBeGreaterThan(run.started_at.getTime())
    const tasks = spans.filter((s) => s.kind === 'internal')
    expect(tasks.map((t) => [t.name, t.attributes['cicd.pipeline.task.type'], t.attributes['cicd.pipeline.task.run.result'], t.status])).toEqual([
      ['Build image', 'build', 'success', 'unset'],
      ['Deploy prod', 'deploy', 'skip', 'unset'],
      ['Unit tests', 'test', 'failure', 'error'],
    ])
    for (const task of tasks) {
      expect(task).toMatchObject({ otel_trace_id: traceId, parent_span_id: run.otel_span_id })
      expect(task.attributes['cicd.pipeline.task.name']).toBe(task.name)
      expect(task.attributes['cicd.pipeline.task.run.id']).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(new Set(tasks.map((t) => t.otel_span_id)).size).toBe(3)
  })

  it('reports cancellation and success results, and gives nodes a traceparent that joins the run', async () => {
    const cancelled = await startRun('nightly-build #1', [{ node_id: 'b', name: 'Compile', kind: 'simulated' }])
    await setNode(cancelled, 'b', 'running', 'cancelled')
    await service.from('executions').update({ status: 'cancelled' }).eq('id', cancelled)
    const spans = await spansOf(cancelled)
    expect(spans.map((s) => [s.name, s.attributes['cicd.pipeline.result'] ?? s.attributes['cicd.pipeline.task.run.result']]))
      .toEqual([['RUN nightly-build', 'cancellation'], ['Compile', 'cancellation']])

    const ok = await startRun('hotfix #2', [{ node_id: 'x', name: 'Ship', kind: 'simulated' }])
    const [{ traceparent }] = await sql(stack, `select public.execution_node_traceparent(n.id) as traceparent from public.execution_nodes n where n.execution_id = $1`, [ok])
    await setNode(ok, 'x', 'running', 'success')
    await service.from('executions').update({ status: 'success' }).eq('id', ok)
    const okSpans = await spansOf(ok)
    expect(okSpans[0].attributes['cicd.pipeline.result']).toBe('success')
    expect(traceparent).toBe(`00-${ok.replaceAll('-', '')}-${okSpans[1].otel_span_id}-01`)
  })

  it('lets project members read the spans through the API', async () => {
    const viewer = await signIn(stack, 'viewer@opzenix.dev')
    const { data } = await viewer.from('telemetry_signals').select('name, attributes').eq('source', 'opzenix').eq('name', 'RUN payments-deploy')
    expect(data).toHaveLength(1)
  })
})
