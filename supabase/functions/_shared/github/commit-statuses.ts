// Sends the queued GitHub commit statuses of runs (github_commit_statuses, queued by a trigger on executions) with
// the GitHub App's installation token (app-token.ts) or else the organization's token: called by engine-tick on
// every scheduler tick. Each status is sent once, in order per run; GitHub's refusal (or a missing token) is
// recorded on the row, not retried.
import type { SupabaseClient } from '@supabase/supabase-js'
import { octokit } from '../connections/github.ts'
import { many, one } from './db.ts'
import { appConfigured, installationToken } from './app-token.ts'
import { orgToken } from './org-token.ts'

interface Due {
  id: number; execution_id: string; organization_id: string; repository_owner: string; repository_name: string
  sha: string; state: 'pending' | 'success' | 'failure' | 'error'; context: string; description: string
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
      const token = appConfigured() ? await installationToken(s.repository_owner, s.repository_name) : await tokenOf(s.organization_id)
      await octokit(token).repos.createCommitStatus({
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
