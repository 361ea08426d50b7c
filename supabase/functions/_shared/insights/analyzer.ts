// The seam for AI analysis of telemetry (issue 6 leaves it to a later issue): what an analyser is given
// (RunContext, built by context.ts from rows the caller reads under the user's RLS) and what it returns.
// offline.ts implements it with rules; the ai-insights function puts a model behind the same context.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** One span of the run's trace, in waterfall order (depth-first, children by start time). */
export interface SpanSummary {
  span_id: string
  parent_span_id: string | null
  /** 0 for the run span (and for spans whose parent is not in the trace). */
  depth: number
  name: string
  kind: string | null
  status: string | null
  /** service.name: 'opzenix' for Opzenix's own CI/CD spans, the workflow's service for spans sent by a GitHub workflow. */
  service: string | null
  started_at: string | null
  ended_at: string | null
  duration_ms: number | null
  attributes: Record<string, Json>
  /** Its parent span id is set but that span is not in the trace (it never arrived, or was cut). */
  orphan: boolean
}

export interface FailingSpan {
  span_id: string
  name: string
  service: string | null
  /** cicd.pipeline.task.run.result or cicd.pipeline.result when present (failure, timeout), else the span status. */
  result: string
  error_type: string | null
  /** Names from the root down to this span. */
  path: string[]
  node_id: string | null
}

export interface LogLine {
  at: string
  level: string
  message: string
}

export interface LogExcerpt {
  /** The run node the lines belong to; null for lines of the run itself. */
  node_id: string | null
  lines: LogLine[]
  /** Lines left out (older info lines beyond the excerpt, or beyond the total cap). */
  omitted: number
}

export interface RunContext {
  run: {
    execution_id: string
    trace_id: string
    name: string
    status: string
    branch: string | null
    commit_sha: string | null
    started_at: string | null
    finished_at: string | null
    error_message: string | null
  }
  trace: SpanSummary[]
  /** Spans left out beyond limits.maxSpans (the earliest-starting ones are kept). */
  spans_omitted: number
  failing: FailingSpan[]
  logs: LogExcerpt[]
}

export type FindingKind = 'failure' | 'failure_cluster' | 'flaky_stage' | 'duration_regression' | 'telemetry_anomaly' | 'config_lint'

export interface Finding {
  severity: 'info' | 'warning' | 'critical'
  message: string
  span_id?: string
  node_id?: string
  /** Which rule found it (the offline analyzer always sets it). */
  kind?: FindingKind
  /** The figures behind the finding (counts, baselines, z-scores), for display. */
  evidence?: Record<string, Json>
}

export interface RunInsight {
  summary: string
  findings: Finding[]
  /** Which analyser (and model) produced it, for display and audit. */
  analyzer: string
}

/** An analyser of one run's context (offline.ts answers from rules; ai-insights asks a model). */
export interface TelemetryAnalyzer {
  readonly name: string
  analyze(context: RunContext, signal?: AbortSignal): Promise<RunInsight>
}
