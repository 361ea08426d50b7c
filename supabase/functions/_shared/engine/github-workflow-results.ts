// What a github_workflow node's recorded state (execution_nodes.output.github_workflow, written by the
// dispatcher and the workflow_run webhook) means for the engine: a finished run or a refused dispatch becomes
// a StepResult, which the next tick turns into the node's transition through engine_apply.
import type { StepOutcome } from '../pipeline/kinds.ts'
import type { StepResult } from '../pipeline/engine-types.ts'

export interface WorkflowState {
  state?: string
  error?: string
  run_id?: number
  run_number?: number
  html_url?: string
  conclusion?: string | null
}

/** GitHub's conclusions: success passes; neutral and skipped warn; failure, cancelled, timed_out and the rest fail. */
export function conclusionOutcome(conclusion: string | null | undefined): StepOutcome {
  if (conclusion === 'success') return 'success'
  if (conclusion === 'neutral' || conclusion === 'skipped') return 'warning'
  return 'failure'
}

export function workflowResult(nodeId: string, status: string, output: Record<string, unknown> | null): StepResult | null {
  const gw = output?.github_workflow as WorkflowState | undefined
  if (status !== 'running' || !gw) return null
  if (gw.state === 'dispatch_failed') {
    return { nodeId, outcome: 'failure', reason: 'dispatch_failed', detail: gw.error ?? 'the workflow could not be dispatched' }
  }
  if (gw.state !== 'completed') return null
  const outcome = conclusionOutcome(gw.conclusion)
  const label = `Workflow run #${gw.run_number ?? gw.run_id}`
  const line = `${label} completed: ${gw.conclusion ?? 'no conclusion'}${gw.html_url ? ` — ${gw.html_url}` : ''}`
  return {
    nodeId, outcome, reason: 'workflow_finished', lines: [line],
    ...(outcome === 'success' ? {} : { detail: `${label} concluded ${gw.conclusion ?? 'without a conclusion'}` }),
  }
}

export const isWorkflowNode = (config: unknown) =>
  (config as { executor?: { type?: unknown } } | null)?.executor?.type === 'github_workflow'
