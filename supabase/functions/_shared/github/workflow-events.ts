// workflow_run / workflow_job, pull_request and deployment_status: recorded on the delivery row with the
// fields the UI shows (workflow_run also finishes its github_workflow node: workflow-run.ts).
import type { Outcome } from './push.ts'

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>

export function recordWorkflowRun(p: Payload): Outcome {
  const run = p.workflow_run ?? {}
  return {
    status: 'processed',
    result: {
      action: p.action, run_id: run.id, workflow_path: run.path ?? null, name: run.name, head_branch: run.head_branch,
      head_sha: run.head_sha, run_status: run.status, conclusion: run.conclusion, html_url: run.html_url,
      logs_url: run.logs_url,
    },
  }
}

export function recordWorkflowJob(p: Payload): Outcome {
  const job = p.workflow_job ?? {}
  return {
    status: 'processed',
    result: {
      action: p.action, job_id: job.id, run_id: job.run_id, name: job.name, head_sha: job.head_sha,
      job_status: job.status, conclusion: job.conclusion, html_url: job.html_url,
    },
  }
}

export function recordPullRequest(p: Payload): Outcome {
  const pr = p.pull_request ?? {}
  return {
    status: 'processed',
    result: {
      action: p.action, number: pr.number ?? p.number, title: pr.title, head_branch: pr.head?.ref, head_sha: pr.head?.sha,
      base_branch: pr.base?.ref, merged: pr.merged ?? false, html_url: pr.html_url,
    },
  }
}

export function recordDeploymentStatus(p: Payload): Outcome {
  const status = p.deployment_status ?? {}
  return {
    status: 'processed',
    result: {
      state: status.state, environment: status.environment ?? p.deployment?.environment, deployment_id: p.deployment?.id,
      sha: p.deployment?.sha, target_url: status.target_url ?? null,
    },
  }
}
