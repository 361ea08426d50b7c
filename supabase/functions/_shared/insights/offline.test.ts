// The offline analyzer on fixture histories whose answers are known: which failures recur, which stage is
// flaky, which stage got slower, which bucket is anomalous, what in the config is risky.
import { describe, expect, it } from 'vitest'
import { bucketize, telemetryAnomalies } from './anomaly.ts'
import { lintConfig, type LintEnvironment } from './config-lint.ts'
import { buildRunContext } from './context.ts'
import { durationRegression, flakyStages, type StageRun } from './history.ts'
import { analyzeOffline } from './offline.ts'
import { clusterFailures, logSignature } from './signature.ts'

const hour = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 28, h, m)).toISOString()
const stage = (execution_id: string, node_id: string, status: string, duration_ms: number, h: number, commit_sha = 'a1b2c3d'): StageRun =>
  ({ execution_id, node_id, name: node_id, status, commit_sha, duration_ms, finished_at: hour(h) })

describe('failure signatures and clusters', () => {
  it('gives the same failure in two runs one signature, whatever ids, numbers and paths it carries', () => {
    const a = logSignature('Error: connect ECONNREFUSED 10.0.3.7:5432 after 3000ms (run 7d3c9a52-0b1e-4f7a-9c11-3a5e2f6b8d40)')
    const b = logSignature('Error: connect ECONNREFUSED 10.0.9.1:5432 after 2500ms (run 11111111-2222-4333-8444-555555555555)')
    expect(a).toBe(b)
    expect(a).toBe('error: connect econnrefused <n>:<n> after <n>ms (run <id>)')
    expect(logSignature('FAIL src/pay.test.ts > refunds "order 42"')).toBe(logSignature('FAIL src/cart/sum.test.ts > refunds "order 7"'))
    expect(logSignature('npm ERR! missing script: build')).not.toBe(logSignature('Error: connect ECONNREFUSED 10.0.3.7:5432'))
  })

  it('clusters failed stages by the line they failed with, the biggest cluster first', () => {
    const clusters = clusterFailures([
      { execution_id: 'r1', node_id: 'test', lines: ['running 120 tests', 'Error: connect ECONNREFUSED 10.0.0.1:5432'] },
      { execution_id: 'r2', node_id: 'build', lines: ['npm ERR! missing script: build'] },
      { execution_id: 'r3', node_id: 'test', lines: ['Error: connect ECONNREFUSED 10.0.0.2:5432', 'done'] },
      { execution_id: 'r4', node_id: 'test', lines: ['Error: connect ECONNREFUSED 10.0.0.9:5432'] },
      { execution_id: 'r5', node_id: 'lint', lines: [] },
    ])
    expect(clusters.map((c) => [c.executions, c.nodes])).toEqual([[['r1', 'r3', 'r4'], ['test']], [['r2'], ['build']]])
    expect(clusters[0].example).toBe('Error: connect ECONNREFUSED 10.0.0.1:5432')
  })
})

describe('stage history', () => {
  it('finds the stage that passed and failed on one commit, and counts its flips', () => {
    const runs = [
      stage('r1', 'e2e', 'success', 1000, 1), stage('r2', 'e2e', 'failed', 1000, 2), stage('r3', 'e2e', 'success', 1000, 3),
      stage('r1', 'build', 'success', 1000, 1), stage('r2', 'build', 'success', 1000, 2),
      stage('r4', 'unit', 'failed', 1000, 4, 'bbbbbbb'), stage('r5', 'unit', 'success', 1000, 5, 'ccccccc'),
      stage('r6', 'lint', 'cancelled', 1000, 6), stage('r7', 'lint', 'success', 1000, 7),
    ]
    expect(flakyStages(runs)).toEqual([{ node_id: 'e2e', name: 'e2e', commit_sha: 'a1b2c3d', successes: 2, failures: 1, flips: 2 }])
  })

  it('flags a stage much slower than its own median, and not one within its usual spread', () => {
    const history = [60_000, 62_000, 58_000, 61_000, 59_000, 63_000].map((d, i) => stage(`h${i}`, 'build', 'success', d, i))
    const slow = durationRegression(stage('now', 'build', 'failed', 150_000, 9), history)
    expect(slow).toEqual({ node_id: 'build', name: 'build', duration_ms: 150_000, baseline_ms: 60_500, samples: 6, ratio: 2.48 })
    expect(durationRegression(stage('now', 'build', 'success', 66_000, 9), history)).toBeNull()
    expect(durationRegression(stage('now', 'build', 'success', 150_000, 9), history.slice(0, 4))).toBeNull()
  })
})

describe('telemetry anomalies', () => {
  it('scores latency and error rate per bucket and reports only the rises', () => {
    const samples = [
      ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((h) => [0, 20, 40].map((m) => ({ at: hour(h, m), duration_ms: 200 + (m % 3) * 10 + h, failed: false }))),
      { at: hour(8, 0), duration_ms: 900, failed: true }, { at: hour(8, 20), duration_ms: 950, failed: true }, { at: hour(8, 40), duration_ms: 880, failed: false },
      { at: hour(9, 0), duration_ms: 50, failed: false },
    ]
    const buckets = bucketize(samples, 3_600_000)
    expect(buckets).toHaveLength(10)
    expect(buckets[8]).toEqual({ start: hour(8), count: 3, errors: 2, latency_ms: 900 })
    const anomalies = telemetryAnomalies(buckets)
    expect(anomalies.map((a) => [a.metric, a.bucket])).toEqual([['error_rate', hour(8)], ['latency', hour(8)]])
    expect(anomalies.find((a) => a.metric === 'error_rate')!.z).toBe(Infinity)
    expect(anomalies.find((a) => a.metric === 'latency')!.z).toBeGreaterThan(3)
  })
})

const prodOnly: LintEnvironment[] = [
  { key: 'dev', tier: 'development', required_approvals: 0, variables: { LOG_LEVEL: 'debug' } },
  { key: 'prod', tier: 'production', required_approvals: 0, variables: { REGION: 'eu-west-1', STRIPE_API_KEY: 'see vault', DATABASE_URL: 'postgres://app:s3cr3t@db.internal:5432/app' } },
]
const node = (id: string, kind: string, config: Record<string, unknown> = {}) => ({ id, kind, config })

describe('config lint', () => {
  it('finds the unapproved production deploy, the missing rollback path and secrets in plain variables', () => {
    const graph = {
      nodes: [node('src', 'source', { repository: 'acme/pay' }), node('build', 'build'), node('dev', 'deploy', { environment: 'dev' }), node('prod', 'deploy', { environment: 'prod' })],
      edges: [{ source: 'src', target: 'build' }, { source: 'build', target: 'dev' }, { source: 'dev', target: 'prod' }],
    }
    const found = lintConfig(graph, prodOnly)
    expect(found.map((f) => [f.code, f.node_id ?? f.variable])).toEqual([
      ['unapproved_production_deploy', 'prod'], ['no_rollback_path', 'prod'],
      ['secret_in_plain_variable', 'DATABASE_URL'], ['secret_in_plain_variable', 'STRIPE_API_KEY'],
    ])
    expect(found[2].message).toMatch(/a URL with a password in it/)
  })

  it('is quiet about a gated production deploy that rolls back on failure', () => {
    const graph = {
      nodes: [node('src', 'source', { repository: 'acme/pay' }), node('build', 'build'), node('gate', 'approval', { environment: 'prod' }),
        node('prod', 'deploy', { environment: 'prod' }), node('undo', 'rollback', { environment: 'prod' })],
      edges: [{ source: 'src', target: 'build' }, { source: 'build', target: 'gate' }, { source: 'gate', target: 'prod' }, { source: 'prod', target: 'undo', on: 'failure' }],
    }
    expect(lintConfig(graph, [{ ...prodOnly[1], variables: { REGION: 'eu-west-1' } }])).toEqual([])
  })
})

describe('analyzeOffline', () => {
  const RUN = '7d3c9a52-0b1e-4f7a-9c11-3a5e2f6b8d40'
  const context = buildRunContext({ execution: { id: RUN, name: 'payments #42', status: 'failed', commit_sha: 'a1b2c3d' }, spans: [], logs: [] })
  const history = [
    ...[0, 1, 2, 3, 4].map((h) => stage(`h${h}`, 'build', 'success', 60_000 + h * 500, h)),
    stage('h1', 'test', 'failed', 30_000, 1), stage('h2', 'test', 'success', 30_000, 2), stage('h3', 'test', 'failed', 31_000, 3),
    stage('h4', 'test', 'success', 29_000, 4), stage('h0', 'test', 'success', 30_000, 0),
  ]
  const nodes = [stage(RUN, 'build', 'success', 61_000, 10), stage(RUN, 'test', 'failed', 30_500, 10)]
  const failures = [
    { execution_id: RUN, node_id: 'test', lines: ['ok 118 tests', 'Error: connect ECONNREFUSED 10.0.0.4:5432'] },
    { execution_id: 'h1', node_id: 'test', lines: ['Error: connect ECONNREFUSED 10.0.0.1:5432'] },
    { execution_id: 'h3', node_id: 'test', lines: ['Error: connect ECONNREFUSED 10.0.0.2:5432'] },
  ]

  it('says which stage failed with what, that it recurs, and that the stage is flaky on this commit', () => {
    const insight = analyzeOffline({ context, nodes, history, failures })
    expect(insight.analyzer).toBe('rule-based')
    expect(insight.summary).toBe('Stage "test" failed with "Error: connect ECONNREFUSED 10.0.0.4:5432". 2 more findings below.')
    expect(insight.findings.map((f) => [f.kind, f.severity, f.node_id])).toEqual([
      ['failure', 'critical', 'test'], ['failure_cluster', 'warning', 'test'], ['flaky_stage', 'warning', 'test'],
    ])
    expect(insight.findings[1].evidence).toEqual({ signature: 'error: connect econnrefused <n>:<n>', runs: ['h1', 'h3'] })
    expect(insight.findings[2].message).toMatch(/passed 3 times and failed 3 times \(5 flips\)\. A retry may pass/)
  })

  it('calls a first-time failure new and reports a slow stage and the config risks', () => {
    const slow = [stage(RUN, 'build', 'success', 190_000, 10), stage(RUN, 'test', 'failed', 30_500, 10, 'fffffff')]
    const graph = { nodes: [node('src', 'source', { repository: 'acme/pay' }), node('prod', 'deploy', { environment: 'prod' })], edges: [{ source: 'src', target: 'prod' }] }
    const insight = analyzeOffline({
      context, nodes: slow, history: history.filter((h) => h.node_id === 'build'), failures: [failures[0]],
      config: { graph, environments: [{ ...prodOnly[1], variables: {} }] },
    })
    expect(insight.findings.map((f) => f.kind)).toEqual(['failure', 'failure_cluster', 'duration_regression', 'telemetry_anomaly', 'config_lint', 'config_lint'])
    expect(insight.findings[1].message).toMatch(/^This failure is new/)
    expect(insight.findings[2].message).toBe('Stage "build" took 190 s, 3.11× its usual 61 s (median of 5 earlier runs).')
    expect(insight.findings[3].message).toMatch(/^Stage "build": latency rose to 190 s/)
  })

  it('finds nothing in a healthy run with a steady history', () => {
    const ok = [stage(RUN, 'build', 'success', 61_000, 10)]
    const insight = analyzeOffline({ context: { ...context, run: { ...context.run, status: 'success' } }, nodes: ok, history: history.filter((h) => h.node_id === 'build'), failures: [] })
    expect(insight).toEqual({ summary: 'The rules found nothing unusual in this run or its history.', findings: [], analyzer: 'rule-based' })
  })
})
