// workflow_run → the github_workflow node that dispatched it (github_workflow_run_event matches by repository,
// workflow, head branch, dispatch time and the execution id in the run's name). The node's state records the
// run (its URL, status, conclusion); the next engine tick finishes the node through engine_apply.
import { one } from './db.ts'
import type { IntegrationRow } from './integration-secret.ts'
import type { Outcome } from './push.ts'
import { recordWorkflowJob, recordWorkflowRun } from './workflow-events.ts'

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>

export async function handleWorkflowRun(p: Payload, integration: IntegrationRow): Promise<Outcome> {
  const recorded = recordWorkflowRun(p)
  const run = p.workflow_run
  if (!run?.id) return recorded
  const repository = p.repository?.full_name ?? `${integration.repository_owner}/${integration.repository_name}`
  const row = await one<{ node: Record<string, unknown> }>(
    // Only the receiving integration's project: another organization's secret cannot finish this one's steps.
    `select public.github_workflow_run_event($1, $2, $3::jsonb, $4) as node`,
    [integration.project_id, repository, JSON.stringify(run), p.action ?? null],
  )
  return { status: 'processed', result: { ...recorded.result, node: row?.node ?? null } }
}

/** workflow_job → the node waiting for the job's run: the job is recorded on it and its start and end logged. */
export async function handleWorkflowJob(p: Payload, integration: IntegrationRow): Promise<Outcome> {
  const recorded = recordWorkflowJob(p)
  const job = p.workflow_job
  if (!job?.id || !job.run_id) return recorded
  const repository = p.repository?.full_name ?? `${integration.repository_owner}/${integration.repository_name}`
  const row = await one<{ node: Record<string, unknown> }>(
    `select public.github_workflow_job_event($1, $2, $3::jsonb, $4) as node`,
    [integration.project_id, repository, JSON.stringify(job), p.action ?? null],
  )
  return { status: 'processed', result: { ...recorded.result, node: row?.node ?? null } }
}
