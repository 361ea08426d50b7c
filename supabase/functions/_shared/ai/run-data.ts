// Reads everything an analysis of one run needs, through the caller's client so RLS decides what is seen: the
// run, its stages, their logs and spans, the same pipeline's earlier runs (stages and failure lines) and the
// pipeline's graph with the project's environments (for the config lint).
import type { SupabaseClient } from '@supabase/supabase-js'
import { notFound } from '../http.ts'
import { buildRunContext, type LogRow, type SpanRow } from '../insights/context.ts'
import type { RunContext } from '../insights/analyzer.ts'
import type { StageRun } from '../insights/history.ts'
import type { FailedStage } from '../insights/signature.ts'
import type { LintEnvironment } from '../insights/config-lint.ts'
import type { OfflineInput } from '../insights/offline.ts'
import { fromStored } from '../pipeline/stored.ts'

export const HISTORY_RUNS = 30

export interface RunData extends OfflineInput {
  context: RunContext
  project_id: string
}

// The functions' client is untyped (no generated types in Deno), so rows are read as `any` here and shaped below.
// deno-lint-ignore no-explicit-any
const check = (result: { data: unknown; error: unknown }): any => {
  if (result.error) throw result.error
  return result.data
}

export async function readRunData(db: SupabaseClient, executionId: string, nodeId: string | null): Promise<RunData> {
  const execution = check(await db.from('executions')
    .select('id, project_id, flow_template_id, name, status, branch, commit_sha, started_at, finished_at, error_message, created_at, graph')
    .eq('id', executionId).maybeSingle())
  if (!execution) throw notFound('No such run, or you are not a member of its project')

  const nodeRows = check(await db.from('execution_nodes').select('execution_id, node_id, name, status, duration_ms, finished_at')
    .eq('execution_id', executionId).order('node_id'))
  if (nodeId && !nodeRows.some((n: { node_id: string }) => n.node_id === nodeId)) throw notFound(`The run has no node "${nodeId}"`)
  const stage = (commit: string | null) => (n: any): StageRun => ({ ...n, commit_sha: commit })
  const nodes: StageRun[] = nodeRows.map(stage(execution.commit_sha))

  const logs: LogRow[] = check(await db.from('execution_logs').select('node_id, level, message, created_at')
    .eq('execution_id', executionId).order('id', { ascending: false }).limit(2000)).reverse()
  const spans: SpanRow[] = check(await db.from('telemetry_signals')
    .select('otel_span_id, parent_span_id, name, kind, status, service_name, started_at, ended_at, duration_ms, attributes')
    .eq('execution_id', executionId).eq('signal_type', 'trace').limit(1000))
  const context = buildRunContext({ execution, spans, logs })

  // Earlier runs of the same pipeline (by template, or by name for runs without one).
  const earlierRuns = db.from('executions').select('id, commit_sha').eq('project_id', execution.project_id).neq('id', executionId)
    .lt('created_at', execution.created_at).order('created_at', { ascending: false }).limit(HISTORY_RUNS)
  const runs: Array<{ id: string; commit_sha: string | null }> = check(await (execution.flow_template_id
    ? earlierRuns.eq('flow_template_id', execution.flow_template_id) : earlierRuns.eq('name', execution.name)))
  const commits = new Map(runs.map((r) => [r.id, r.commit_sha]))
  const historyRows = runs.length === 0 ? [] : check(await db.from('execution_nodes')
    .select('execution_id, node_id, name, status, duration_ms, finished_at').in('execution_id', runs.map((r) => r.id)))
  const order = new Map(runs.map((r, i) => [r.id, i]))
  const history = historyRows.map((n: any) => stage(commits.get(n.execution_id) ?? null)(n))
    .sort((a: StageRun, b: StageRun) => order.get(a.execution_id)! - order.get(b.execution_id)!)

  const failures: FailedStage[] = nodes.filter((n) => n.status === 'failed').map((n) => ({
    execution_id: executionId, node_id: n.node_id, lines: loudestFirst(logs.filter((l) => l.node_id === n.node_id)),
  }))
  const failedBefore = history.filter((h: StageRun) => h.status === 'failed')
  if (failedBefore.length > 0) {
    const lines: Array<LogRow & { execution_id: string }> = check(await db.from('execution_logs')
      .select('execution_id, node_id, level, message, created_at').in('execution_id', [...new Set(failedBefore.map((f: StageRun) => f.execution_id))])
      .in('node_id', [...new Set(failedBefore.map((f: StageRun) => f.node_id))]).order('id', { ascending: false }).limit(2000))
    for (const f of failedBefore) {
      const own = loudestFirst(lines.filter((l) => l.execution_id === f.execution_id && l.node_id === f.node_id).reverse())
      failures.push({ execution_id: f.execution_id, node_id: f.node_id, lines: own })
    }
  }

  return { context, project_id: execution.project_id, nodes, history, failures, config: await readConfig(db, execution) }
}

const RANK: Record<string, number> = { error: 0, warn: 1 }
// The simulated executor's opening and closing lines only restate how the step ends; they are not evidence of why.
const BANNER = /^(simulated executor: |\[simulated\] \S+ finished: )/

/** A stage's lines with errors first, then warnings, then the rest (each in order), banner left out. */
function loudestFirst(lines: LogRow[]): string[] {
  return lines.filter((l) => !BANNER.test(l.message))
    .map((l, i) => ({ l, i })).sort((a, b) => (RANK[a.l.level] ?? 2) - (RANK[b.l.level] ?? 2) || a.i - b.i).map(({ l }) => l.message)
}

async function readConfig(db: SupabaseClient, execution: { project_id: string; graph: unknown }): Promise<RunData['config']> {
  const draft = fromStored(execution.graph)
  if (!draft.ok) return undefined
  return { graph: { nodes: draft.value.nodes, edges: draft.value.edges }, environments: await projectEnvironments(db, execution.project_id) }
}

/** The project's environments with their current variables, as the config lint reads them. */
export async function projectEnvironments(db: SupabaseClient, projectId: string): Promise<LintEnvironment[]> {
  const envs = check(await db.from('environments').select('id, key, tier, required_approvals').eq('project_id', projectId))
  const configs = check(await db.from('environment_configs').select('environment_id, variables').eq('project_id', projectId))
  return envs.map((e: any) => ({
    key: e.key, tier: e.tier, required_approvals: e.required_approvals,
    variables: (configs.find((c: any) => c.environment_id === e.id)?.variables ?? {}) as Record<string, unknown>,
  }))
}
