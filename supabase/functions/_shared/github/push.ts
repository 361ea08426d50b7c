// push → the first branch mapping whose pattern matches the branch; a deployable mapping with a pipeline
// starts that pipeline for the mapped environment.
import { branchOf, pickMapping, type BranchMapping } from './branch-mapping.ts'
import { many } from './db.ts'
import type { IntegrationRow } from './integration-secret.ts'
import { startMappedRun } from './start-run.ts'

export interface Outcome {
  status: 'processed' | 'ignored'
  result: Record<string, unknown>
}

interface PushPayload {
  ref?: string
  after?: string
  deleted?: boolean
  head_commit?: { message?: string; author?: { email?: string | null } | null } | null
  pusher?: { name?: string }
}

/** The head commit's author email, when GitHub gives a usable one (it may be absent, or empty for some authors). */
export function authorEmail(payload: PushPayload): string | null {
  const email = payload.head_commit?.author?.email?.trim()
  return email && email.includes('@') && email.length <= 320 ? email : null
}

/** `claim` takes the delivery before a run starts (false: someone else has it, and nothing is done). */
export async function handlePush(integration: IntegrationRow, payload: PushPayload, claim: () => Promise<boolean>): Promise<Outcome | undefined> {
  const branch = branchOf(payload.ref ?? '')
  if (!branch) return { status: 'ignored', result: { reason: 'not_a_branch', ref: payload.ref } }
  if (payload.deleted) return { status: 'ignored', result: { reason: 'branch_deleted', branch } }
  const mappings = await many<BranchMapping>(
    `select id, branch_pattern, environment_id, flow_template_id, is_deployable, position, created_at::text as created_at
     from public.branch_mappings
     where not on_pull_request and (github_integration_id = $1 or (github_integration_id is null and project_id = $2))`,
    [integration.id, integration.project_id],
  )
  const mapping = pickMapping(mappings, branch)
  const commit = payload.after
  if (!mapping) return { status: 'ignored', result: { reason: 'no_mapping', branch, commit_sha: commit } }
  const decision = {
    branch, commit_sha: commit, mapping_id: mapping.id, pattern: mapping.branch_pattern,
    environment_id: mapping.environment_id, flow_template_id: mapping.flow_template_id, deployable: mapping.is_deployable,
  }
  if (!mapping.is_deployable) return { status: 'processed', result: { ...decision, started: false, reason: 'not_deployable' } }
  if (!mapping.flow_template_id) return { status: 'processed', result: { ...decision, started: false, reason: 'no_pipeline' } }
  if (!(await claim())) return undefined
  const started = await startMappedRun({
    projectId: integration.project_id,
    flowTemplateId: mapping.flow_template_id,
    environmentId: mapping.environment_id,
    branch,
    commitSha: commit,
    commitAuthorEmail: authorEmail(payload),
  })
  return { status: 'processed', result: { ...decision, ...started } }
}
