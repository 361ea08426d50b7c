// What github-api answers, by path after /github-api. GitHub reads use the organization's token on behalf
// of its members; saving the token and webhook secrets is for organization admins.
import { z } from 'zod'
import type { Caller } from '../_shared/auth.ts'
import { requireOrgRole } from '../_shared/connections/access.ts'
import { githubFailure, octokit } from '../_shared/connections/github.ts'
import { sealSecret } from '../_shared/crypto/secret-box.ts'
import { orgToken, saveOrgToken } from '../_shared/github/org-token.ts'
import { badRequest, HttpError, notFound } from '../_shared/http.ts'
import { github } from './github-call.ts'
import { repositoryStack } from './projects.ts'

export const SaveToken = z.object({ organization_id: z.uuid(), token: z.string().trim().min(20).max(500) }).strict()

const name = z.string().regex(/^[\w.-]{1,100}$/)
const pageQuery = (url: URL) => ({
  per_page: Math.min(Number(url.searchParams.get('per_page')) || 30, 100),
  page: Math.max(Number(url.searchParams.get('page')) || 1, 1),
})

/** GET /repos, /repos/:owner/:repo/{branches,workflows,runs,stack} for ?organization_id= (members). */
export async function proxyRead(caller: Caller, url: URL, parts: string[]): Promise<unknown> {
  const organizationId = z.uuid().safeParse(url.searchParams.get('organization_id'))
  if (!organizationId.success) throw badRequest('organization_id: a uuid query parameter is required')
  await requireOrgRole(caller, organizationId.data, 'viewer', 'read its GitHub repositories')
  const gh = octokit(await orgToken(caller.admin, organizationId.data))
  const paging = pageQuery(url)
  if (parts.length === 1 && parts[0] === 'repos') {
    const repos = await github(() => gh.rest.repos.listForAuthenticatedUser({ ...paging, sort: 'pushed' }), 'GitHub')
    return repos.map((r) => ({ id: r.id, full_name: r.full_name, private: r.private, default_branch: r.default_branch, html_url: r.html_url, pushed_at: r.pushed_at }))
  }
  if (parts[0] !== 'repos' || parts.length !== 4 || !name.safeParse(parts[1]).success || !name.safeParse(parts[2]).success) {
    throw notFound('Unknown github-api path')
  }
  const [owner, repo, what] = [parts[1], parts[2], parts[3]]
  const label = `GitHub (${owner}/${repo})`
  switch (what) {
    case 'branches': {
      const branches = await github(() => gh.rest.repos.listBranches({ owner, repo, ...paging }), label)
      return branches.map((b) => ({ name: b.name, sha: b.commit.sha, protected: b.protected }))
    }
    case 'workflows': {
      const data = await github(() => gh.rest.actions.listRepoWorkflows({ owner, repo, ...paging }), label)
      return data.workflows.map((w) => ({ id: w.id, name: w.name, path: w.path, state: w.state, html_url: w.html_url }))
    }
    case 'runs': {
      const branch = url.searchParams.get('branch') ?? undefined
      const data = await github(() => gh.rest.actions.listWorkflowRunsForRepo({ owner, repo, branch, ...paging }), label)
      return data.workflow_runs.map((r) => ({
        id: r.id, name: r.name, path: r.path, head_branch: r.head_branch, head_sha: r.head_sha, status: r.status,
        conclusion: r.conclusion, event: r.event, html_url: r.html_url, created_at: r.created_at, updated_at: r.updated_at,
      }))
    }
    case 'stack':
      return await repositoryStack(gh, owner, repo)
    default:
      throw notFound('Unknown github-api path')
  }
}

/** POST /token: validate against GitHub (scopes), then store sealed. Never echoes the token. */
export async function saveToken(caller: Caller, input: z.infer<typeof SaveToken>) {
  await requireOrgRole(caller, input.organization_id, 'admin', 'save its GitHub token')
  const gh = octokit(input.token)
  let scopes: string[] = []
  try {
    const res = await gh.rest.users.getAuthenticated()
    scopes = String(res.headers['x-oauth-scopes'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  } catch (error) {
    const failed = githubFailure(error, 'GitHub')
    if (failed.details?.http_status === 401) throw new HttpError(422, 'token_rejected', 'GitHub rejected this token (HTTP 401)')
    throw new HttpError(502, 'github_error', failed.message)
  }
  return await saveOrgToken(caller.admin, input.organization_id, caller.user.id, input.token, scopes)
}

interface IntegrationInfo { id: string; project_id: string; repository_owner: string; repository_name: string }

async function readIntegration(caller: Caller, id: string): Promise<IntegrationInfo> {
  const { data, error } = await caller.db.from('github_integrations').select('id, project_id, repository_owner, repository_name').eq('id', id).maybeSingle()
  if (error) throw error
  if (!data) throw notFound('No GitHub integration with this id in your projects')
  return data
}

export const WEBHOOK_EVENTS = ['push', 'pull_request', 'workflow_run', 'workflow_job', 'deployment_status']
export const webhookUrl = (id: string) => `${Deno.env.get('SUPABASE_URL')!.replace(/\/$/, '')}/functions/v1/github-webhook/${id}`

/** GET /integrations/:id/webhook: what to paste into GitHub, minus the secret (members). */
export async function webhookSettings(caller: Caller, id: string) {
  const integration = await readIntegration(caller, id)
  const { data } = await caller.admin.from('github_integrations').select('webhook_secret').eq('id', id).single()
  return {
    integration_id: id, repository: `${integration.repository_owner}/${integration.repository_name}`,
    payload_url: webhookUrl(id), content_type: 'application/json', events: WEBHOOK_EVENTS, secret_set: Boolean(data?.webhook_secret),
  }
}

/** POST /integrations/:id/webhook-secret: a new random secret, stored sealed and shown this once (admins). */
export async function rotateWebhookSecret(caller: Caller, id: string) {
  const integration = await readIntegration(caller, id)
  const { data: allowed, error } = await caller.db.rpc('project_role_at_least', { _project_id: integration.project_id, _role: 'admin' })
  if (error) throw error
  if (allowed !== true) throw new HttpError(403, 'forbidden', 'Only an admin of this project can set its webhook secret')
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  const secret = `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
  const { error: updateError } = await caller.admin.from('github_integrations').update({ webhook_secret: await sealSecret(secret) }).eq('id', id)
  if (updateError) throw updateError
  return { integration_id: id, payload_url: webhookUrl(id), content_type: 'application/json', events: WEBHOOK_EVENTS, secret }
}
