// The offline analyzer: answers "why did this run fail, what to try" from rules alone, with no model. Each
// finding says which rule found it and the figures behind it; the UI labels the whole as "Rule-based analysis".
import type { Finding, Json, RunContext, RunInsight } from './analyzer.ts'
import { bucketize, telemetryAnomalies, type Anomaly } from './anomaly.ts'
import { lintConfig, type LintEnvironment } from './config-lint.ts'
import { durationRegression, flakyStages, type StageRun } from './history.ts'
import { clusterFailures, failureLine, type FailedStage } from './signature.ts'
import type { GraphInput } from '../pipeline/graph.ts'

export const OFFLINE_ANALYZER = 'rule-based'

export interface OfflineInput {
  context: RunContext
  /** This run's stages. */
  nodes: StageRun[]
  /** The same pipeline's stages in earlier runs (most recent first or in any order). */
  history: StageRun[]
  /** Lines of failed stages, this run's and earlier ones', for clustering. */
  failures: FailedStage[]
  config?: { graph: GraphInput; environments: LintEnvironment[] }
  /** Telemetry bucket width for the anomaly rule (default one hour). */
  bucketMs?: number
}

const quote = (text: string) => `"${text.length > 160 ? `${text.slice(0, 159)}…` : text}"`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

export function analyzeOffline(input: OfflineInput): RunInsight {
  const runId = input.context.run.execution_id
  const findings: Finding[] = []
  const failedNodes = input.nodes.filter((n) => n.status === 'failed')
  const clusters = clusterFailures(input.failures)
  let headline: string | null = null

  for (const node of failedNodes) {
    const own = input.failures.find((f) => f.execution_id === runId && f.node_id === node.node_id)
    const line = own ? failureLine(own.lines) : null
    findings.push({
      kind: 'failure', severity: 'critical', node_id: node.node_id,
      message: line ? `Stage "${node.name}" failed with ${quote(line)}.` : `Stage "${node.name}" failed without logging why.`,
    })
    headline ??= findings.at(-1)!.message
    const cluster = clusters.find((c) => c.executions.includes(runId) && c.nodes.includes(node.node_id))
    if (!cluster) continue
    const others = cluster.executions.filter((id) => id !== runId)
    findings.push(others.length > 0
      ? {
          kind: 'failure_cluster', severity: 'warning', node_id: node.node_id,
          message: `The same failure ended ${plural(others.length, 'earlier run')}: it is recurring, not new. Look at what those runs share before retrying.`,
          evidence: { signature: cluster.signature, runs: others },
        }
      : {
          kind: 'failure_cluster', severity: 'info', node_id: node.node_id,
          message: `This failure is new: none of the earlier failed runs ended with it. Look at what changed since the last good run.`,
          evidence: { signature: cluster.signature },
        })
  }

  const commit = input.context.run.commit_sha
  for (const flaky of flakyStages([...input.history, ...input.nodes])) {
    const thisCommit = flaky.commit_sha === commit
    findings.push({
      kind: 'flaky_stage', severity: thisCommit ? 'warning' : 'info', node_id: flaky.node_id,
      message: `Stage "${flaky.name}" is flaky: on commit ${flaky.commit_sha.slice(0, 7)} it passed ${plural(flaky.successes, 'time')} and failed ${plural(flaky.failures, 'time')} (${plural(flaky.flips, 'flip')}).${thisCommit ? ' A retry may pass; fix the flakiness rather than trusting it.' : ''}`,
      evidence: { commit_sha: flaky.commit_sha, successes: flaky.successes, failures: flaky.failures, flips: flaky.flips },
    })
  }

  for (const node of input.nodes) {
    const regression = durationRegression(node, input.history)
    if (!regression) continue
    findings.push({
      kind: 'duration_regression', severity: 'warning', node_id: node.node_id,
      message: `Stage "${node.name}" took ${seconds(regression.duration_ms)}, ${regression.ratio}× its usual ${seconds(regression.baseline_ms)} (median of ${regression.samples} earlier runs).`,
      evidence: { duration_ms: regression.duration_ms, baseline_ms: regression.baseline_ms, samples: regression.samples, ratio: regression.ratio },
    })
  }

  for (const node of input.nodes) findings.push(...stageAnomalies(node, input.history, input.bucketMs ?? 3_600_000))

  if (input.config) {
    for (const lint of lintConfig(input.config.graph, input.config.environments)) {
      const evidence: Record<string, Json> = { code: lint.code }
      if (lint.environment) evidence.environment = lint.environment
      if (lint.variable) evidence.variable = lint.variable
      findings.push({ kind: 'config_lint', severity: lint.severity, message: lint.message, ...(lint.node_id ? { node_id: lint.node_id } : {}), evidence })
    }
  }

  const rest = findings.length - (headline ? 1 : 0)
  const summary = headline
    ? `${headline}${rest > 0 ? ` ${plural(rest, 'more finding')} below.` : ''}`
    : findings.length > 0 ? `${plural(findings.length, 'finding')} from the rules.` : 'The rules found nothing unusual in this run or its history.'
  return { summary, findings, analyzer: OFFLINE_ANALYZER }
}

/** Latency and error-rate anomalies of one stage, in the bucket that holds this run. */
function stageAnomalies(node: StageRun, history: StageRun[], bucketMs: number): Finding[] {
  if (!node.finished_at) return []
  const runs = [...history.filter((r) => r.node_id === node.node_id && r.finished_at), node]
  const buckets = bucketize(runs.map((r) => ({ at: r.finished_at!, duration_ms: r.duration_ms, failed: r.status === 'failed' })), bucketMs)
  const current = new Date(Math.floor(Date.parse(node.finished_at) / bucketMs) * bucketMs).toISOString()
  return telemetryAnomalies(buckets).filter((a) => a.bucket === current).map((a) => anomalyFinding(node, a))
}

function anomalyFinding(node: StageRun, a: Anomaly): Finding {
  const z = Number.isFinite(a.z) ? `z = ${a.z}` : 'after a flat history'
  const what = a.metric === 'latency'
    ? `latency rose to ${seconds(a.value)} against an expected ${seconds(a.expected)}`
    : `error rate rose to ${Math.round(a.value * 100)}% against an expected ${Math.round(a.expected * 100)}%`
  return {
    kind: 'telemetry_anomaly', severity: 'warning', node_id: node.node_id,
    message: `Stage "${node.name}": ${what} (${z}).`,
    evidence: { metric: a.metric, bucket: a.bucket, value: a.value, expected: a.expected, z: Number.isFinite(a.z) ? a.z : null },
  }
}
