// pull_request → the first pull-request mapping (branch_mappings.on_pull_request) whose pattern matches the base
// branch: opened, reopened and synchronize start its pipeline on the head branch and commit (whose commit statuses
// then show on the pull request). Other actions, forks and unmapped bases are recorded only.
import { pickMapping, type BranchMapping } from './branch-mapping.ts'
import { many } from './db.ts'
import type { IntegrationRow } from './integration-secret.ts'
import type { Outcome } from './push.ts'
import { startMappedRun } from './start-run.ts'
import { recordPullRequest } from './workflow-events.ts'

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>

const STARTS = new Set(['opened', 'reopened', 'synchronize'])

export async function handlePullRequest(p: Payload, integration: IntegrationRow): Promise<Outcome> {
  const recorded = recordPullRequest(p)
  const pr = p.pull_request ?? {}
  if (!STARTS.has(p.action)) return recorded
  const repository = `${integration.repository_owner}/${integration.repository_name}`.toLowerCase()
  const head = String(pr.head?.repo?.full_name ?? '').toLowerCase()
  if (head !== repository) return { status: 'processed', result: { ...recorded.result, started: false, reason: 'fork', head_repository: pr.head?.repo?.full_name ?? null } }
  const base = String(pr.base?.ref ?? '')
  const mappings = await many<BranchMapping>(
    `select id, branch_pattern, environment_id, flow_template_id, is_deployable, position, created_at::text as created_at
     from public.branch_mappings
     where on_pull_request and (github_integration_id = $1 or (github_integration_id is null and project_id = $2))`,
    [integration.id, integration.project_id],
  )
  const mapping = pickMapping(mappings, base)
  if (!mapping) return { status: 'processed', result: { ...recorded.result, started: false, reason: 'no_mapping' } }
  const decision = { ...recorded.result, mapping_id: mapping.id, pattern: mapping.branch_pattern, environment_id: mapping.environment_id, flow_template_id: mapping.flow_template_id }
  if (!mapping.is_deployable) return { status: 'processed', result: { ...decision, started: false, reason: 'not_deployable' } }
  if (!mapping.flow_template_id) return { status: 'processed', result: { ...decision, started: false, reason: 'no_pipeline' } }
  const started = await startMappedRun({
    projectId: integration.project_id, flowTemplateId: mapping.flow_template_id, environmentId: mapping.environment_id,
    branch: String(pr.head?.ref ?? base), commitSha: pr.head?.sha, commitAuthorEmail: null,
  })
  return { status: 'processed', result: { ...decision, ...started } }
}
