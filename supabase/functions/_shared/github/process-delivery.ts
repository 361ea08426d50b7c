// After the acknowledgement: decide what a stored delivery means and record the outcome on its row.
import { claimDelivery, finishDelivery } from './deliveries.ts'
import type { IntegrationRow } from './integration-secret.ts'
import { handlePush, type Outcome } from './push.ts'
import { handlePullRequest } from './pull-request.ts'
import { recordDeploymentStatus } from './workflow-events.ts'
import { handleWorkflowJob, handleWorkflowRun } from './workflow-run.ts'

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>

const recorders: Record<string, (p: Payload, integration: IntegrationRow) => Outcome | Promise<Outcome>> = {
  ping: (p) => ({ status: 'processed', result: { zen: p.zen, hook_id: p.hook_id } }),
  pull_request: handlePullRequest,
  workflow_run: handleWorkflowRun,
  workflow_job: handleWorkflowJob,
  deployment_status: recordDeploymentStatus,
}

/**
 * Every delivery is taken (received → processing) before anything is done with it, so a delivery still queued
 * in memory when the sweep picks it up is processed by one of them only. `claimed`: the sweep already took it.
 */
export async function processDelivery(id: string, event: string, integration: IntegrationRow, payload: Payload, claimed = false): Promise<void> {
  try {
    if (!claimed && !(await claimDelivery(id))) return
    let outcome: Outcome | undefined
    if (event === 'push') {
      outcome = await handlePush(integration, payload, async () => true)
      if (!outcome) return
    } else {
      const record = recorders[event]
      outcome = record ? await record(payload, integration) : { status: 'ignored', result: { reason: 'event_not_handled', event } }
    }
    await finishDelivery(id, outcome.status, outcome.result)
  } catch (error) {
    console.error(`delivery ${id} (${event}) failed:`, error)
    await finishDelivery(id, 'failed', null, error instanceof Error ? error.message : String(error)).catch(() => {})
  }
}
