// Sends the queued GitHub commit statuses of runs (github_commit_statuses, queued by a trigger on executions) with
// the organization's token: called by engine-tick on every scheduler tick. Each status is sent once, in order per
// run; GitHub's refusal (or a missing token) is recorded on the row, not retried.
import type { SupabaseClient } from '@supabase/supabase-js'
import { octokit } from '../connections/github.ts'
import { many, one } from './db.ts'
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
  for (const s of due) {
    let error: string | null = null
    try {
      if (!tokens.has(s.organization_id)) tokens.set(s.organization_id, orgToken(admin, s.organization_id))
      const token = await tokens.get(s.organization_id)!
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
