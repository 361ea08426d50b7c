// Sends the queued GitHub commit statuses of runs (github_commit_statuses, queued by a trigger on executions) with
// the GitHub App's installation token (app-token.ts) or else the organization's token: called by engine-tick on
// every scheduler tick. Each status is sent once, in order per run; GitHub's refusal (or a missing token) is
// recorded on the row, not retried.
import type { SupabaseClient } from '@supabase/supabase-js'
import { githubApiUrl, octokit } from '../connections/github.ts'
import { many, one } from './db.ts'
import { appConfigured, installationToken } from './app-token.ts'
import { orgToken } from './org-token.ts'

interface Due {
  id: number; execution_id: string; organization_id: string; repository_owner: string; repository_name: string
  sha: string; state: 'pending' | 'success' | 'failure' | 'error'; context: string; description: string
}

/**
 * Where the repository's GitHub answers: the api_url of the organization's github connection for it (one naming
 * the repository, else one naming its owner as `org`, else one naming neither), else GITHUB_API_URL. So GitHub
 * Enterprise Server and github.com repositories can coexist in one installation.
 */
export async function apiUrlFor(organizationId: string, owner: string, repo: string): Promise<string> {
  const row = await one<{ api_url: string }>(
    `select c.config ->> 'api_url' as api_url from public.connections c
     where c.organization_id = $1 and c.type = 'github' and c.config ->> 'api_url' ~ '^https?://'
       and (lower(c.config ->> 'repository') = lower($2 || '/' || $3) or lower(c.config ->> 'org') = lower($2)
         or (c.config ->> 'repository' is null and c.config ->> 'org' is null))
     order by (lower(c.config ->> 'repository') = lower($2 || '/' || $3)) desc nulls last, (lower(c.config ->> 'org') = lower($2)) desc nulls last, c.created_at
     limit 1`,
    [organizationId, owner, repo],
  )
  // api.github.com itself means the deployment's GitHub, which GITHUB_API_URL may point elsewhere (tests, a proxy).
  const url = row?.api_url?.replace(/\/+$/, '')
  return url && url !== 'https://api.github.com' ? url : githubApiUrl()
}

/** The run's page, where a status links to (OPZENIX_APP_URL, the app's address; the local app by default). */
export function runUrl(executionId: string): string {
  return `${(Deno.env.get('OPZENIX_APP_URL') || 'http://127.0.0.1:5173').replace(/\/+$/, '')}/executions/${executionId}`
}

export async function sendCommitStatuses(admin: SupabaseClient, limit = 20): Promise<number> {
  const due = await many<Due>('select * from public.claim_github_statuses($1)', [limit])
  const tokens = new Map<string, Promise<string>>()
  const tokenOf = (organizationId: string) => {
    if (!tokens.has(organizationId)) tokens.set(organizationId, orgToken(admin, organizationId))
    return tokens.get(organizationId)!
  }
  for (const s of due) {
    let error: string | null = null
    try {
      // The GitHub App's installation token when the app is configured, else the organization's token.
      const baseUrl = await apiUrlFor(s.organization_id, s.repository_owner, s.repository_name)
      const token = appConfigured() ? await installationToken(s.repository_owner, s.repository_name, baseUrl) : await tokenOf(s.organization_id)
      await octokit(token, baseUrl).repos.createCommitStatus({
        owner: s.repository_owner, repo: s.repository_name, sha: s.sha, state: s.state, context: s.context,
        description: s.description, target_url: runUrl(s.execution_id),
      })
    } catch (e) {
      // deno-lint-ignore no-explicit-any
      const status = (e as any)?.status
      error = status ? `GitHub answered ${status}: ${(e as Error).message}` : (e as Error).message
    }
    await one('select public.finish_github_status($1, $2, $3)', [s.id, error === null, error])
  }
  return due.length
}
