// ai-telemetry-analysis without a model: anomalies and trends in the durations and failure rates of a run's
// stages (against their own history) or of the runs that target an environment, plus a run's slowest spans.
import type { Finding, RunContext, RunInsight } from './analyzer.ts'
import { bucketize, telemetryAnomalies, trends, type Anomaly, type Sample, type Trend } from './anomaly.ts'
import type { StageRun } from './history.ts'
import { OFFLINE_ANALYZER } from './offline.ts'

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`
const pct = (rate: number) => `${Math.round(rate * 100)}%`

function anomalyMessage(subject: string, a: Anomaly): string {
  const z = Number.isFinite(a.z) ? `z = ${a.z}` : 'after a flat history'
  return a.metric === 'latency'
    ? `${subject}: latency rose to ${seconds(a.value)} against an expected ${seconds(a.expected)} in the bucket of ${a.bucket} (${z}).`
    : `${subject}: failure rate rose to ${pct(a.value)} against an expected ${pct(a.expected)} in the bucket of ${a.bucket} (${z}).`
}

function trendFinding(subject: string, t: Trend, nodeId?: string): Finding {
  const rising = t.after > t.before
  const what = t.metric === 'latency'
    ? `duration went from ${seconds(t.before)} to ${seconds(t.after)} (median, earlier half against later half)`
    : `failure rate went from ${pct(t.before)} to ${pct(t.after)}`
  return {
    kind: 'telemetry_anomaly', severity: rising ? 'warning' : 'info', ...(nodeId ? { node_id: nodeId } : {}),
    message: `${subject}: ${what}${rising ? '' : ', an improvement'}.`, evidence: { metric: t.metric, trend: rising ? 'up' : 'down', before: t.before, after: t.after },
  }
}

const anomalyFinding = (subject: string, a: Anomaly, nodeId?: string): Finding => ({
  kind: 'telemetry_anomaly', severity: 'warning', ...(nodeId ? { node_id: nodeId } : {}), message: anomalyMessage(subject, a),
  evidence: { metric: a.metric, bucket: a.bucket, value: a.value, expected: a.expected, z: Number.isFinite(a.z) ? a.z : null },
})

const toSample = (r: Pick<StageRun, 'status' | 'duration_ms' | 'finished_at'>): Sample => ({ at: r.finished_at!, duration_ms: r.duration_ms, failed: r.status === 'failed' })

/** A run (or one of its nodes): each stage's anomalies and trends over its history, and the trace's slowest spans. */
export function analyzeRunTelemetry(input: { context: RunContext; nodes: StageRun[]; history: StageRun[]; node_id?: string | null; bucketMs?: number }): RunInsight {
  const bucketMs = input.bucketMs ?? 3_600_000
  const findings: Finding[] = []
  for (const node of input.nodes.filter((n) => !input.node_id || n.node_id === input.node_id)) {
    const runs = [...input.history.filter((h) => h.node_id === node.node_id), node].filter((r) => r.finished_at)
    const buckets = bucketize(runs.map(toSample), bucketMs)
    const subject = `Stage "${node.name}"`
    for (const a of telemetryAnomalies(buckets)) findings.push(anomalyFinding(subject, a, node.node_id))
    for (const t of trends(buckets)) findings.push(trendFinding(subject, t, node.node_id))
  }
  const slow = input.context.trace.filter((s) => s.duration_ms !== null && s.depth > 0).sort((a, b) => b.duration_ms! - a.duration_ms!).slice(0, 3)
  for (const span of slow) {
    findings.push({ kind: 'telemetry_anomaly', severity: 'info', span_id: span.span_id, message: `Slow span: "${span.name}" took ${seconds(span.duration_ms!)}.`, evidence: { duration_ms: span.duration_ms! } })
  }
  const alarms = findings.filter((f) => f.severity === 'warning').length
  const scope = input.node_id ? `stage "${input.node_id}"` : `run "${input.context.run.name}"`
  const summary = alarms > 0 ? `${alarms} anomal${alarms === 1 ? 'y or rising trend' : 'ies or rising trends'} in the telemetry of ${scope}.` : `Nothing unusual in the telemetry of ${scope}.`
  return { summary, findings, analyzer: OFFLINE_ANALYZER }
}

/** The runs that targeted an environment: their durations and failure rates per bucket (default one day). */
export function analyzeEnvironmentTelemetry(input: { key: string; runs: Array<{ status: string; duration_ms: number | null; finished_at: string | null }>; bucketMs?: number }): RunInsight {
  const finished = input.runs.filter((r) => r.finished_at)
  const buckets = bucketize(finished.map(toSample), input.bucketMs ?? 86_400_000)
  const subject = `Runs to "${input.key}"`
  const findings = [...telemetryAnomalies(buckets).map((a) => anomalyFinding(subject, a)), ...trends(buckets).map((t) => trendFinding(subject, t))]
  const failed = finished.filter((r) => r.status === 'failed').length
  const summary = finished.length === 0 ? `No finished run has targeted "${input.key}" yet.`
    : `${finished.length} finished runs targeted "${input.key}", ${failed} failed (${pct(failed / finished.length)}); ${findings.filter((f) => f.severity === 'warning').length} anomalies or rising trends.`
  return { summary, findings, analyzer: OFFLINE_ANALYZER }
}
