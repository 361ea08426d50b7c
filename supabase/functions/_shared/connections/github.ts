// GitHub: token scopes (X-OAuth-Scopes on GET /user) and, optionally, access to a repository.
import { Octokit } from '@octokit/rest'
import { CheckFailed, timeoutMs } from './result.ts'

export const githubApiUrl = () => (Deno.env.get('GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/$/, '')

/** An Octokit for `token` against GITHUB_API_URL (GitHub Enterprise Server, or a test server), or `baseUrl`. */
export function octokit(token: string, baseUrl = githubApiUrl()): Octokit {
  return new Octokit({
    auth: token, baseUrl: baseUrl.replace(/\/$/, ''), userAgent: 'opzenix',
    request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs()) }) },
  })
}

/** Scopes Opzenix needs: read repositories and dispatch workflows. */
export const REQUIRED_SCOPES = ['repo', 'workflow']

// deno-lint-ignore no-explicit-any
export function githubFailure(error: any, what: string): CheckFailed {
  const status = error?.status
  if (error?.name === 'TimeoutError' || error?.cause?.name === 'TimeoutError' || /timed? ?out|aborted/i.test(String(error?.message))) {
    return new CheckFailed(`${what} did not answer within ${timeoutMs()} ms`)
  }
  if (typeof status !== 'number' || status === 500 && !error?.response) {
    return new CheckFailed(`${what} could not be reached: ${error?.message ?? error}`)
  }
  const reason = status === 401 ? 'rejected the token' : status === 403 ? 'refused access' : status === 404 ? 'has no such resource (or the token cannot see it)' : status >= 500 ? 'is failing' : 'answered an error'
  return new CheckFailed(`${what} ${reason} (HTTP ${status})`, { http_status: status })
}

export async function validateGithub(token: string, repository?: string) {
  const gh = octokit(token)
  let user
  try {
    user = await gh.rest.users.getAuthenticated()
  } catch (error) {
    throw githubFailure(error, 'GitHub')
  }
  const header = user.headers['x-oauth-scopes']
  // Fine-grained tokens and app tokens send no scopes header: their permissions show on the repository.
  const scopes = header === undefined ? null : String(header).split(',').map((s) => s.trim()).filter(Boolean)
  const missing = scopes ? REQUIRED_SCOPES.filter((s) => !scopes.includes(s)) : []
  const details: Record<string, unknown> = { login: user.data.login, scopes, missing_scopes: missing }
  if (repository) {
    const [owner, repo] = repository.split('/')
    try {
      const { data } = await gh.rest.repos.get({ owner, repo })
      details.repository = { full_name: data.full_name, private: data.private, permissions: data.permissions ?? null, default_branch: data.default_branch }
    } catch (error) {
      throw githubFailure(error, `GitHub (${repository})`)
    }
  }
  const message = `Signed in to GitHub as ${user.data.login}` +
    (missing.length ? `; the token lacks ${missing.join(', ')}` : '') +
    (repository ? `; ${repository} is reachable` : '')
  return { message, details, degraded: missing.length > 0 }
}
