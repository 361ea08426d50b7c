// explain-config's and ai-telemetry-analysis's rule-based answers on fixtures with known answers.
import { describe, expect, it } from 'vitest'
import { trends, bucketize } from './anomaly.ts'
import { buildRunContext } from './context.ts'
import { explainEnvironmentOffline, explainPipelineOffline, pipelineOrder } from './explain.ts'
import type { StageRun } from './history.ts'
import { analyzeEnvironmentTelemetry, analyzeRunTelemetry } from './telemetry.ts'

const node = (id: string, kind: string, config: Record<string, unknown> = {}) => ({ id, kind, config })
const envs = [
  { key: 'dev', tier: 'development', required_approvals: 0, variables: {} },
  { key: 'prod', tier: 'production', required_approvals: 2, variables: {} },
]

describe('explain a pipeline', () => {
  const graph = {
    nodes: [node('prod', 'deploy', { environment: 'prod' }), node('src', 'source', { repository: 'acme/pay' }),
      node('build', 'build', { executor: { type: 'simulated', duration_ms: 0, outcome: 'success' } }), node('gate', 'approval', { environment: 'prod' }), node('undo', 'rollback', { environment: 'prod' })],
    edges: [{ source: 'src', target: 'build' }, { source: 'build', target: 'gate' }, { source: 'gate', target: 'prod' }, { source: 'prod', target: 'undo', on: 'failure' }],
  }

  it('says what runs in order, and what runs on failure', () => {
    expect(pipelineOrder(graph)).toEqual(['src', 'build', 'gate', 'prod', 'undo'])
    expect(explainPipelineOffline('payments', graph, envs).summary)
      .toBe('Pipeline "payments" runs source src → build → approval gate for prod → deploy prod to prod → rollback undo to prod; undo runs if prod fails.')
  })

  it('lists the risks: the builder\'s warnings, and an ungated production deploy with no way back', () => {
    const risky = { nodes: graph.nodes.slice(0, 3), edges: [{ source: 'src', target: 'build' }, { source: 'build', target: 'prod' }] }
    const findings = explainPipelineOffline('payments', risky, envs).findings
    expect(findings.map((f) => [f.severity, f.evidence?.code])).toEqual([
      ['critical', 'unapproved_production_deploy'], ['warning', 'no_rollback_path'], ['info', 'no_test'], ['info', 'no_security_scan'], ['info', 'no_checkpoint'],
    ])
  })
})

describe('explain an environment', () => {
  it('says what it requires and holds, what the latest version changed, and what is risky', () => {
    const insight = explainEnvironmentOffline({
      key: 'prod', tier: 'production', required_approvals: 0, variables: { LOG_LEVEL: 'warn', DB_PASSWORD: 'hunter2' },
      secrets: [{ name: 'STRIPE', provider: 'supabase_vault', key: 'stripe/live' }],
      versions: [
        { version: 4, reason: 'quieter logs', variables: { LOG_LEVEL: 'warn' }, secrets: [] },
        { version: 3, reason: 'first', variables: { LOG_LEVEL: 'info', OLD: 1 }, secrets: [] },
      ],
    })
    expect(insight.summary).toBe('Environment "prod" (production tier) needs no approval before a deploy; it has 2 plain variables and 1 secret reference. '
      + 'Version 4 ("quieter logs") changed: ~ LOG_LEVEL: "info" → "warn"; - OLD = 1.')
    expect(insight.findings.map((f) => f.evidence?.code)).toEqual(['unapproved_production', 'secret_in_plain_variable'])
    expect(insight.findings[1].message).toMatch(/DB_PASSWORD looks like a secret/)
  })
})

const at = (day: number, h = 12) => new Date(Date.UTC(2026, 10, day, h)).toISOString()

describe('telemetry trends and anomalies', () => {
  it('finds a rising duration and a falling failure rate between the two halves', () => {
    const samples = [1, 2, 3, 4, 5, 6].map((d) => ({ at: at(d), duration_ms: d <= 3 ? 60_000 : 90_000, failed: d <= 3 }))
    expect(trends(bucketize(samples, 86_400_000))).toEqual([
      { metric: 'latency', before: 60_000, after: 90_000 }, { metric: 'error_rate', before: 1, after: 0 },
    ])
  })

  it('reports a stage\'s latency spike against its history and the run\'s slowest spans', () => {
    const stage = (execution_id: string, day: number, duration_ms: number): StageRun =>
      ({ execution_id, node_id: 'build', name: 'build', status: 'success', commit_sha: null, duration_ms, finished_at: at(day) })
    const history = [1, 2, 3, 4, 5, 6].map((d) => stage(`h${d}`, d, 60_000 + d * 100))
    const context = buildRunContext({
      execution: { id: '7d3c9a52-0b1e-4f7a-9c11-3a5e2f6b8d40', name: 'payments #9', status: 'success' },
      spans: [
        { otel_span_id: 'a'.repeat(16), parent_span_id: null, name: 'RUN payments', kind: 'server', status: 'ok', service_name: 'opzenix', started_at: at(7), ended_at: at(7), duration_ms: 300_000, attributes: {} },
        { otel_span_id: 'b'.repeat(16), parent_span_id: 'a'.repeat(16), name: 'build', kind: 'internal', status: 'ok', service_name: 'opzenix', started_at: at(7), ended_at: at(7), duration_ms: 240_000, attributes: {} },
      ],
      logs: [],
    })
    const insight = analyzeRunTelemetry({ context, nodes: [stage('now', 7, 240_000)], history, bucketMs: 86_400_000 })
    expect(insight.summary).toBe('1 anomaly or rising trend in the telemetry of run "payments #9".')
    expect(insight.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Stage "build": latency rose to 240 s against an expected 60.\d s in the bucket of 2026-11-07T00:00:00.000Z \(z = [\d.]+\)\.$/),
      'Slow span: "build" took 240 s.',
    ])
  })

  it('summarises the runs to an environment', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ status: d === 7 ? 'failed' : 'success', duration_ms: 1000, finished_at: at(d) }))
    const insight = analyzeEnvironmentTelemetry({ key: 'staging', runs })
    expect(insight.summary).toBe('7 finished runs targeted "staging", 1 failed (14%); 1 anomalies or rising trends.')
    expect(insight.findings.map((f) => f.message)).toEqual(['Runs to "staging": failure rate rose to 100% against an expected 0% in the bucket of 2026-11-07T00:00:00.000Z (after a flat history).'])
    expect(analyzeEnvironmentTelemetry({ key: 'qa', runs: [] }).summary).toBe('No finished run has targeted "qa" yet.')
  })
})
