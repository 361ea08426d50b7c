// Builds the RunContext an analyser gets from rows of one run: the execution, the spans of its trace
// (telemetry_signals where otel_trace_id = execution_trace_id(id): Opzenix's CI/CD spans and any spans a
// GitHub workflow sent with the step's TRACEPARENT) and its execution_logs. Pure: the caller reads the rows
// (under the user's RLS) and passes them in.
import type { FailingSpan, Json, LogExcerpt, LogLine, RunContext, SpanSummary } from './analyzer.ts'

export interface ExecutionRow {
  id: string
  name: string
  status: string
  branch?: string | null
  commit_sha?: string | null
  started_at?: string | null
  finished_at?: string | null
  error_message?: string | null
}

export interface SpanRow {
  otel_span_id: string | null
  parent_span_id: string | null
  name: string | null
  kind: string | null
  status: string | null
  service_name: string | null
  started_at: string | null
  ended_at: string | null
  duration_ms: number | null
  attributes: Record<string, Json> | null
}

export interface LogRow {
  node_id: string | null
  level: string
  message: string
  created_at: string
}

export interface ContextLimits {
  maxSpans: number
  /** Most recent lines kept per node besides its warnings and errors. */
  logLinesPerNode: number
  maxLogLines: number
  maxMessageChars: number
}

export const DEFAULT_LIMITS: ContextLimits = { maxSpans: 500, logLinesPerNode: 20, maxLogLines: 200, maxMessageChars: 500 }

const FAILED_RESULTS = new Set(['failure', 'timeout'])
const LOUD_LEVELS = new Set(['warn', 'warning', 'error', 'fatal'])
const time = (value: string | null) => (value ? Date.parse(value) : Number.POSITIVE_INFINITY)
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

function waterfall(rows: SpanRow[]): SpanSummary[] {
  const spans = rows.filter((r) => r.otel_span_id)
  const ids = new Set(spans.map((s) => s.otel_span_id))
  const children = new Map<string | null, SpanRow[]>()
  for (const span of spans) {
    const parent = span.parent_span_id && ids.has(span.parent_span_id) ? span.parent_span_id : null
    children.set(parent, [...(children.get(parent) ?? []), span])
  }
  const out: SpanSummary[] = []
  const visit = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => time(a.started_at) - time(b.started_at) || String(a.name).localeCompare(String(b.name)))
    for (const span of list) {
      out.push({
        span_id: span.otel_span_id!, parent_span_id: span.parent_span_id, depth, name: span.name ?? '', kind: span.kind,
        status: span.status, service: span.service_name, started_at: span.started_at, ended_at: span.ended_at,
        duration_ms: span.duration_ms, attributes: span.attributes ?? {},
        orphan: span.parent_span_id !== null && !ids.has(span.parent_span_id),
      })
      visit(span.otel_span_id, depth + 1)
    }
  }
  visit(null, 0)
  return out
}

function failingSpans(trace: SpanSummary[]): FailingSpan[] {
  const byId = new Map(trace.map((s) => [s.span_id, s]))
  return trace.flatMap((span) => {
    const result = String(span.attributes['cicd.pipeline.task.run.result'] ?? span.attributes['cicd.pipeline.result'] ?? '')
    if (span.status !== 'error' && !FAILED_RESULTS.has(result)) return []
    const path: string[] = []
    for (let at: SpanSummary | undefined = span; at; at = at.parent_span_id ? byId.get(at.parent_span_id) : undefined) path.unshift(at.name)
    const errorType = span.attributes['error.type']
    const nodeId = span.attributes['opzenix.node.id']
    return [{
      span_id: span.span_id, name: span.name, service: span.service, result: result || 'error',
      error_type: typeof errorType === 'string' ? errorType : null, path, node_id: typeof nodeId === 'string' ? nodeId : null,
    }]
  })
}

function logExcerpts(logs: LogRow[], failing: FailingSpan[], limits: ContextLimits): LogExcerpt[] {
  // The failing nodes' logs, then the run's own lines (node_id null); each: warnings and errors plus the latest lines.
  const nodes = [...new Set(failing.map((f) => f.node_id).filter((id): id is string => id !== null)), null]
  let budget = limits.maxLogLines
  const out: LogExcerpt[] = []
  for (const node of nodes) {
    const lines = logs.filter((l) => l.node_id === node).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
    const latest = new Set(lines.slice(-limits.logLinesPerNode))
    let kept = lines.filter((l) => latest.has(l) || LOUD_LEVELS.has(l.level.toLowerCase()))
    if (kept.length > budget) kept = kept.slice(kept.length - budget)
    budget -= kept.length
    if (lines.length === 0) continue
    out.push({
      node_id: node,
      lines: kept.map((l): LogLine => ({ at: l.created_at, level: l.level, message: cut(l.message, limits.maxMessageChars) })),
      omitted: lines.length - kept.length,
    })
  }
  return out
}

export function buildRunContext(input: { execution: ExecutionRow; spans: SpanRow[]; logs: LogRow[] }, limits: Partial<ContextLimits> = {}): RunContext {
  const l = { ...DEFAULT_LIMITS, ...limits }
  const { execution } = input
  const all = waterfall(input.spans)
  const kept = new Set([...all].sort((a, b) => time(a.started_at) - time(b.started_at)).slice(0, l.maxSpans))
  const trace = all.filter((s) => kept.has(s))
  const failing = failingSpans(all)
  return {
    run: {
      execution_id: execution.id, trace_id: execution.id.replaceAll('-', ''), name: execution.name, status: execution.status,
      branch: execution.branch ?? null, commit_sha: execution.commit_sha ?? null, started_at: execution.started_at ?? null,
      finished_at: execution.finished_at ?? null, error_message: execution.error_message ?? null,
    },
    trace,
    spans_omitted: all.length - trace.length,
    failing,
    logs: logExcerpts(input.logs, failing, l),
  }
}
