// Dispatches GitHub workflow steps: a running github_workflow node is claimed once (github_workflow_claim, so
// concurrent ticks never dispatch twice), then workflow_dispatch is sent through @octokit/rest with the
// configured inputs plus the run's correlation inputs and TRACEPARENT, outside any transaction. The outcome is
// written on the node (github_workflow_record); a refused dispatch fails the node at the next apply, a sent one
// waits for its workflow_run webhook (_shared/github/workflow-run.ts).
import type { SupabaseClient } from '@supabase/supabase-js'
import { octokit } from '../connections/github.ts'
import { orgToken } from '../github/org-token.ts'
import { githubWorkflowExecutorSchema, type GithubWorkflowExecutor } from '../pipeline/kinds.ts'
import { isWorkflowNode } from './github-workflow-results.ts'

interface Integration { id: string; owner: string; name: string; workflow_file: string; default_branch: string }

interface Claimed {
  execution_id: string
  node_id: string
  organization_id: string
  branch: string | null
  config: { executor?: unknown }
  traceparent: string
  integrations: Integration[]
}

/** Where a dispatch goes, or why it cannot go anywhere. */
export interface Target {
  integration: Integration
  repository: string
  /** What the API takes: a numeric id or the file name. */
  workflowParam: string | number
  workflow_path?: string
  workflow_id?: string
  ref: string
}

export function resolveTarget(executor: GithubWorkflowExecutor, integrations: Integration[], branch: string | null): Target | string {
  const wanted = executor.repository?.toLowerCase()
  const matching = wanted ? integrations.filter((i) => `${i.owner}/${i.name}`.toLowerCase() === wanted) : integrations
  if (matching.length === 0) {
    return wanted ? `the project has no active GitHub integration for ${executor.repository}` : 'the project has no active GitHub integration: connect a repository first'
  }
  if (matching.length > 1) return `the project has ${matching.length} GitHub integrations: set the step's repository (owner/name)`
  const integration = matching[0]
  const workflow = (executor.workflow ?? integration.workflow_file).replace(/^\.\//, '')
  const ref = executor.ref ?? branch ?? integration.default_branch
  const repository = `${integration.owner}/${integration.name}`
  if (/^\d+$/.test(workflow)) return { integration, repository, workflowParam: Number(workflow), workflow_id: workflow, ref }
  const path = workflow.includes('/') ? workflow : `.github/workflows/${workflow}`
  return { integration, repository, workflowParam: path.split('/').pop()!, workflow_path: path, ref }
}

/** The inputs sent: the step's own, then what correlates the run and joins its trace. */
export function dispatchInputs(executor: GithubWorkflowExecutor, claimed: Pick<Claimed, 'execution_id' | 'node_id' | 'traceparent'>) {
  return { ...executor.inputs, opzenix_execution_id: claimed.execution_id, opzenix_node_id: claimed.node_id, TRACEPARENT: claimed.traceparent }
}

// deno-lint-ignore no-explicit-any
export function dispatchFailure(error: any, target: Target): string {
  const status = error?.status
  const said = error?.response?.data?.message ?? error?.message ?? String(error)
  const where = `${target.repository} (${target.workflow_path ?? `workflow ${target.workflow_id}`} on ${target.ref})`
  if (status === 401) return `GitHub rejected the organization's token (401 ${said}): save a valid token in Settings`
  if (status === 403) return `GitHub refused the dispatch to ${where} (403 ${said}): the token needs Actions write (classic: the workflow scope)`
  if (status === 404) return `GitHub found no workflow to dispatch in ${where} (404 ${said}): check the workflow file, or the token cannot see the repository`
  if (status === 422) {
    const hint = /unexpected inputs/i.test(said) ? ': declare opzenix_execution_id, opzenix_node_id and TRACEPARENT (and the step\'s inputs) under on.workflow_dispatch.inputs'
      : /workflow_dispatch/i.test(said) ? ': add `on: workflow_dispatch` to the workflow'
      : /ref/i.test(said) ? `: the branch or tag ${target.ref} does not exist` : ''
    return `GitHub refused the dispatch to ${where} (422 ${said})${hint}`
  }
  if (typeof status === 'number') return `GitHub answered ${status} to the dispatch to ${where}: ${said}`
  return `GitHub could not be reached to dispatch ${where}: ${said}`
}

const record = async (admin: SupabaseClient, c: Claimed, patch: Record<string, unknown>, lines: string[] = []) => {
  const { error } = await admin.rpc('github_workflow_record', { _execution_id: c.execution_id, _node_id: c.node_id, _patch: patch, _lines: lines })
  if (error) throw new Error(`recording the dispatch of ${c.node_id}: ${error.message}`)
}

async function dispatchOne(admin: SupabaseClient, c: Claimed): Promise<'dispatched' | 'failed'> {
  const fail = async (message: string) => {
    await record(admin, c, { state: 'dispatch_failed', error: message })
    return 'failed' as const
  }
  const parsed = githubWorkflowExecutorSchema.safeParse(c.config.executor)
  if (!parsed.success) return fail(`the step's GitHub workflow settings are invalid: ${parsed.error.issues[0]?.message}`)
  const executor = parsed.data
  const target = resolveTarget(executor, c.integrations, c.branch)
  if (typeof target === 'string') return fail(target)
  const inputs = dispatchInputs(executor, c)
  const dispatchedAt = new Date().toISOString()
  // Written before the call: a workflow_run webhook may arrive before the answer does.
  await record(admin, c, {
    state: 'dispatching', repository: target.repository, integration_id: target.integration.id, ref: target.ref,
    workflow: executor.workflow ?? target.integration.workflow_file, ...(target.workflow_path ? { workflow_path: target.workflow_path } : { workflow_id: target.workflow_id }),
    traceparent: c.traceparent, input_names: Object.keys(inputs), dispatched_at: dispatchedAt,
  })
  let token: string
  try {
    token = await orgToken(admin, c.organization_id)
  } catch (error) {
    return fail(`no GitHub token to dispatch with: ${(error as Error).message}`)
  }
  try {
    await octokit(token).rest.actions.createWorkflowDispatch({
      owner: target.integration.owner, repo: target.integration.name, workflow_id: target.workflowParam, ref: target.ref, inputs,
    })
  } catch (error) {
    return fail(dispatchFailure(error, target))
  }
  const workflow = target.workflow_path ?? `workflow ${target.workflow_id}`
  await record(admin, c, { state: 'dispatched' }, [
    `Dispatched ${workflow} on ${target.ref} of ${target.repository} with inputs ${Object.keys(inputs).join(', ')} (TRACEPARENT ${c.traceparent})`,
    `Waiting for its workflow_run webhook: a workflow_dispatch run of ${workflow} on ${target.ref} created after ${dispatchedAt}; gives up after ${executor.timeout_minutes} min`,
  ])
  return 'dispatched'
}

/** Claims and dispatches every running github_workflow node of a run not dispatched yet. */
export async function dispatchWorkflows(admin: SupabaseClient, executionId: string): Promise<{ dispatched: number; failed: number }> {
  const { data, error } = await admin.from('execution_nodes').select('node_id, config, output')
    .eq('execution_id', executionId).eq('status', 'running')
  if (error) throw new Error(`reading workflow nodes of ${executionId}: ${error.message}`)
  const waiting = (data as { node_id: string; config: unknown; output: Record<string, unknown> | null }[])
    .filter((n) => isWorkflowNode(n.config) && !n.output?.github_workflow)
  const counts = { dispatched: 0, failed: 0 }
  for (const node of waiting) {
    const claim = await admin.rpc('github_workflow_claim', { _execution_id: executionId, _node_id: node.node_id })
    if (claim.error) throw new Error(`claiming ${node.node_id}: ${claim.error.message}`)
    if (!claim.data) continue // another tick has it
    counts[await dispatchOne(admin, claim.data as Claimed)]++
  }
  return counts
}
