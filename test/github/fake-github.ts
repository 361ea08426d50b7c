// GitHub's REST API as the recording server plays it: a token that works, one without the workflow scope,
// and anything else rejected, as api.github.com answers.
import type { Reply, Route } from '../helpers/recording-server.ts'

export const GOOD_TOKEN = 'ghp_opzenixTestToken0000000000000000000001'
export const NARROW_TOKEN = 'ghp_opzenixNarrowToken000000000000000000002'

const scopesFor: Record<string, string> = { [`token ${GOOD_TOKEN}`]: 'repo, workflow, read:org', [`token ${NARROW_TOKEN}`]: 'repo' }
const badCredentials = { status: 401, json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }

const authed = (reply: (auth: string) => Reply): Route['reply'] =>
  (req) => {
    const auth = String(req.headers.authorization ?? '')
    return scopesFor[auth] ? reply(auth) : badCredentials
  }

export const githubRoutes: Route[] = [
  { method: 'GET', path: '/user', reply: authed((auth) => ({ json: { login: 'acme-bot', id: 1 }, headers: { 'x-oauth-scopes': scopesFor[auth] } })) },
  { method: 'GET', path: '/user/repos', reply: authed(() => ({ json: [
    { id: 11, full_name: 'acme/payments-api', private: true, default_branch: 'main', html_url: 'https://github.com/acme/payments-api', pushed_at: '2026-11-27T10:00:00Z', owner: { login: 'acme' } },
  ] })) },
  { method: 'GET', path: '/repos/acme/payments-api', reply: authed(() => ({ json: {
    id: 11, full_name: 'acme/payments-api', private: true, default_branch: 'main', permissions: { admin: false, push: true, pull: true },
  } })) },
  { method: 'GET', path: '/repos/acme/payments-api/branches', reply: authed(() => ({ json: [
    { name: 'main', commit: { sha: 'a'.repeat(40) }, protected: true },
    { name: 'develop', commit: { sha: 'b'.repeat(40) }, protected: false },
  ] })) },
  { method: 'GET', path: '/repos/acme/payments-api/actions/workflows', reply: authed(() => ({ json: { total_count: 1, workflows: [
    { id: 7, name: 'Build', path: '.github/workflows/build.yml', state: 'active', html_url: 'https://github.com/acme/payments-api/actions/workflows/build.yml' },
  ] } })) },
  { method: 'GET', path: '/repos/acme/payments-api/actions/runs', reply: authed(() => ({ json: { total_count: 1, workflow_runs: [
    { id: 99, name: 'Build', path: '.github/workflows/build.yml', head_branch: 'main', head_sha: 'c'.repeat(40), status: 'completed', conclusion: 'success', event: 'push', html_url: 'https://github.com/acme/payments-api/actions/runs/99', created_at: '2026-11-27T10:00:00Z', updated_at: '2026-11-27T10:05:00Z' },
  ] } })) },
]
