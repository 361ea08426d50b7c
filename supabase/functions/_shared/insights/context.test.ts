// The AI seam's context builder on a fixture run: a failed deploy whose "Run workflow" step carries spans a
// GitHub workflow sent under the step's traceparent, with logs. What an analyser would be handed.
import { describe, expect, it } from 'vitest'
import { buildRunContext, type LogRow, type SpanRow } from './context.ts'

const RUN = '7d3c9a52-0b1e-4f7a-9c11-3a5e2f6b8d40'
const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 12, 0, s)).toISOString()
const span = (id: string, parent: string | null, name: string, start: number, extra: Partial<SpanRow> = {}): SpanRow => ({
  otel_span_id: id.padEnd(16, '0'), parent_span_id: parent ? parent.padEnd(16, '0') : null, name, kind: parent ? 'internal' : 'server',
  status: 'unset', service_name: 'opzenix', started_at: at(start), ended_at: at(start + 5), duration_ms: 5000, attributes: {}, ...extra,
})

const spans: SpanRow[] = [
  span('c', 'a', 'Run workflow', 20, { status: 'error', attributes: { 'cicd.pipeline.task.run.result': 'failure', 'error.type': 'failure', 'opzenix.node.id': 'wf' } }),
  span('a', null, 'RUN payments-deploy', 0, { status: 'error', attributes: { 'cicd.pipeline.result': 'failure', 'error.type': 'failure' } }),
  span('b', 'a', 'Build image', 1, { attributes: { 'cicd.pipeline.task.run.result': 'success', 'opzenix.node.id': 'build' } }),
  span('d', 'c', 'job: integration', 21, { kind: 'server', service_name: 'github-actions' }),
  span('e', 'd', 'npm test', 22, { status: 'error', service_name: 'github-actions', attributes: { 'test.failed': 3 } }),
  span('f', '9', 'late job', 30, { service_name: 'github-actions' }), // its parent never arrived
]
const log = (node: string | null, s: number, level: string, message: string): LogRow => ({ node_id: node, level, message, created_at: at(s) })
const logs: LogRow[] = [
  ...Array.from({ length: 30 }, (_, i) => log('wf', 20 + i * 0.1, 'info', `line ${i}`)),
  log('wf', 20.05, 'error', 'npm ERR! 3 tests failed'),
  log('build', 2, 'info', 'pushed image'),
  log(null, 40, 'error', 'Run workflow failed'),
]

describe('buildRunContext', () => {
  const context = buildRunContext({ execution: { id: RUN, name: 'payments-deploy #12', status: 'failed', commit_sha: 'c0ffee1', error_message: 'Run workflow failed' }, spans, logs }, { logLinesPerNode: 5 })

  it('lays the trace out as a waterfall: depth-first, children by start time, orphans at the top level', () => {
    expect(context.run).toMatchObject({ trace_id: RUN.replaceAll('-', ''), status: 'failed', error_message: 'Run workflow failed' })
    expect(context.trace.map((s) => [s.depth, s.name, s.orphan])).toEqual([
      [0, 'RUN payments-deploy', false],
      [1, 'Build image', false],
      [1, 'Run workflow', false],
      [2, 'job: integration', false],
      [3, 'npm test', false],
      [0, 'late job', true],
    ])
    expect(context.spans_omitted).toBe(0)
  })

  it('lists the failing spans with their path from the run, including the workflow’s own spans', () => {
    expect(context.failing).toEqual([
      { span_id: 'a'.padEnd(16, '0'), name: 'RUN payments-deploy', service: 'opzenix', result: 'failure', error_type: 'failure', path: ['RUN payments-deploy'], node_id: null },
      { span_id: 'c'.padEnd(16, '0'), name: 'Run workflow', service: 'opzenix', result: 'failure', error_type: 'failure', path: ['RUN payments-deploy', 'Run workflow'], node_id: 'wf' },
      { span_id: 'e'.padEnd(16, '0'), name: 'npm test', service: 'github-actions', result: 'error', error_type: null, path: ['RUN payments-deploy', 'Run workflow', 'job: integration', 'npm test'], node_id: null },
    ])
  })

  it('gives the failing nodes’ logs (errors and the latest lines) and the run’s own lines, not the passing nodes’', () => {
    expect(context.logs.map((l) => l.node_id)).toEqual(['wf', null])
    const wf = context.logs[0]
    expect(wf.lines.map((l) => l.message)).toEqual(['npm ERR! 3 tests failed', 'line 25', 'line 26', 'line 27', 'line 28', 'line 29'])
    expect(wf.omitted).toBe(25)
    expect(context.logs[1].lines).toEqual([{ at: at(40), level: 'error', message: 'Run workflow failed' }])
  })

  it('keeps within its limits: spans, total log lines and message length', () => {
    const long = buildRunContext({ execution: { id: RUN, name: 'x', status: 'failed' }, spans, logs: [...logs, log('wf', 60, 'error', 'x'.repeat(2000))] },
      { maxSpans: 3, maxLogLines: 4, maxMessageChars: 100 })
    expect(long.trace.map((s) => s.name)).toEqual(['RUN payments-deploy', 'Build image', 'Run workflow'])
    expect(long.spans_omitted).toBe(3)
    expect(long.failing).toHaveLength(3) // failures are found in the whole trace
    expect(long.logs.flatMap((l) => l.lines)).toHaveLength(4)
    expect(long.logs[0].lines.at(-1)!.message).toHaveLength(100)
  })
})
