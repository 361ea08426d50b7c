// The organization's GitHub token: saved sealed by admins only, never readable through the API, used by the
// github-api proxy and github-validate-connection on members' behalf (GitHub played by a recording server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { GOOD_TOKEN, githubRoutes, NARROW_TOKEN } from './fake-github.ts'
import { call, startProjectWithEnv, type ProjectStack } from './project.ts'

let github: RecordingServer
let stack: ProjectStack
const users: Record<string, Client> = {}


beforeAll(async () => {
  github = await startRecordingServer(githubRoutes)
  stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, CONNECTION_TIMEOUT_MS: '2000' })
  for (const who of ['admin', 'operator', 'viewer', 'globex']) users[who] = await signIn(stack, `${who}@opzenix.dev`)
})
afterAll(async () => {
  await stack?.stop()
  await github?.stop()
})

describe('organization GitHub token', () => {
  it('only organization admins save it; GitHub must accept it; the answer never contains it', async () => {
    for (const who of ['operator', 'viewer', 'globex']) {
      expect((await call(users[who], 'github-api/token', 'POST', { organization_id: DEMO.acme, token: GOOD_TOKEN })).status, who).toBe(403)
    }
    const rejected = await call(users.admin, 'github-api/token', 'POST', { organization_id: DEMO.acme, token: 'ghp_revokedToken0000000000000000000000' })
    expect(rejected).toMatchObject({ status: 422, error: { error: { code: 'token_rejected' } } })
    expect(await sql(stack, `select 1 from public.github_tokens where organization_id = $1`, [DEMO.acme])).toHaveLength(0)

    const saved = await call(users.admin, 'github-api/token', 'POST', { organization_id: DEMO.acme, token: GOOD_TOKEN })
    expect(saved.status).toBe(201)
    expect(saved.data).toMatchObject({ organization_id: DEMO.acme, token_hint: GOOD_TOKEN.slice(-4), scopes: ['repo', 'workflow', 'read:org'] })
    expect(JSON.stringify(saved.data)).not.toContain(GOOD_TOKEN)
    expect(github.received('/user').at(-1)?.headers.authorization).toBe(`token ${GOOD_TOKEN}`)
  })

  it('is stored sealed and never readable through REST, as any role', async () => {
    const [row] = await sql(stack, `select encrypted_token from public.github_tokens where organization_id = $1`, [DEMO.acme])
    expect(row.encrypted_token).toMatch(/^v1:gcm:/)
    expect(row.encrypted_token).not.toContain(GOOD_TOKEN)
    for (const [who, client] of [...Object.entries(users), ['anon', stack.anon()] as const]) {
      const secret = await client.from('github_tokens').select('encrypted_token')
      expect(secret.error?.code, who).toBe('42501')
      const star = await client.from('github_tokens').select('*')
      expect(star.error?.code, who).toBe('42501')
    }
    const visible = await users.viewer.from('github_tokens').select('id, organization_id, token_hint, scopes').eq('organization_id', DEMO.acme)
    expect(visible.data).toEqual([expect.objectContaining({ token_hint: GOOD_TOKEN.slice(-4) })])
    const outsider = await users.globex.from('github_tokens').select('id').eq('organization_id', DEMO.acme)
    expect(outsider.data).toEqual([])
    const updated = await users.admin.from('github_tokens').update({ encrypted_token: 'x' }).eq('organization_id', DEMO.acme)
    expect(updated.error?.code).toBe('42501')
    const audit = await sql(stack, `select coalesce(before::text, '') || coalesce(after::text, '') as images from public.audit_logs where resource_type = 'github_tokens' and organization_id = $1`, [DEMO.acme])
    expect(audit.length).toBeGreaterThan(0)
    for (const a of audit) expect(a.images).not.toMatch(/v1:gcm:|ghp_/)
  })
})

describe('github-api proxy', () => {
  it('lists repositories, branches, workflows and runs for members with the organization token', async () => {
    github.requests.length = 0
    const q = `?organization_id=${DEMO.acme}`
    const repos = await call(users.viewer, `github-api/repos${q}`)
    expect(repos.status).toBe(200)
    expect(repos.data).toEqual([expect.objectContaining({ full_name: 'acme/payments-api', default_branch: 'main' })])
    const branches = await call(users.operator, `github-api/repos/acme/payments-api/branches${q}`)
    expect(branches.data).toEqual([{ name: 'main', sha: 'a'.repeat(40), protected: true }, { name: 'develop', sha: 'b'.repeat(40), protected: false }])
    const workflows = await call(users.viewer, `github-api/repos/acme/payments-api/workflows${q}`)
    expect(workflows.data).toEqual([expect.objectContaining({ path: '.github/workflows/build.yml', state: 'active' })])
    const runs = await call(users.viewer, `github-api/repos/acme/payments-api/runs${q}&branch=main`)
    expect(runs.data).toEqual([expect.objectContaining({ id: 99, conclusion: 'success', head_branch: 'main' })])
    expect(github.received('/repos/acme/payments-api/actions/runs')[0].url.searchParams.get('branch')).toBe('main')
    expect(github.requests.every((r) => r.headers.authorization === `token ${GOOD_TOKEN}`)).toBe(true)
  })

  it('refuses non-members, anonymous callers and a missing organization, without calling GitHub', async () => {
    github.requests.length = 0
    const outsider = await call(users.globex, `github-api/repos?organization_id=${DEMO.acme}`)
    expect(outsider).toMatchObject({ status: 403, error: { error: { code: 'forbidden' } } })
    expect((await call(stack.anon(), `github-api/repos?organization_id=${DEMO.acme}`)).status).toBe(401)
    expect((await call(users.viewer, 'github-api/repos')).status).toBe(400)
    expect((await call(users.globex, `github-api/repos?organization_id=${DEMO.globex}`)).error).toMatchObject({ error: { code: 'no_github_token' } })
    expect(github.requests).toHaveLength(0)
  })
})

describe('github-validate-connection', () => {
  it('reports scopes and repository access of the saved token to members', async () => {
    const { status, data } = await call(users.viewer, 'github-validate-connection', 'POST', { organization_id: DEMO.acme, repository: 'acme/payments-api' })
    expect(status).toBe(200)
    expect(data).toMatchObject({ ok: true, status: 'healthy', details: { login: 'acme-bot', missing_scopes: [], repository: { full_name: 'acme/payments-api', permissions: { push: true } } } })
    expect(data.response_time_ms).toBeGreaterThanOrEqual(0)
  })

  it('tests a typed token for admins: a narrow token is degraded, a bad one down, a missing repository down', async () => {
    expect((await call(users.operator, 'github-validate-connection', 'POST', { organization_id: DEMO.acme, token: NARROW_TOKEN })).status).toBe(403)
    const narrow = await call(users.admin, 'github-validate-connection', 'POST', { organization_id: DEMO.acme, token: NARROW_TOKEN })
    expect(narrow.data).toMatchObject({ ok: true, status: 'degraded', details: { missing_scopes: ['workflow'] } })
    expect(narrow.data.message).toMatch(/lacks workflow/)
    const bad = await call(users.admin, 'github-validate-connection', 'POST', { organization_id: DEMO.acme, token: 'ghp_nope' })
    expect(bad.data).toMatchObject({ ok: false, status: 'down', details: { http_status: 401 } })
    const missing = await call(users.admin, 'github-validate-connection', 'POST', { organization_id: DEMO.acme, repository: 'acme/secret-repo' })
    expect(missing.data).toMatchObject({ ok: false, status: 'down', details: { http_status: 404 } })
    github.route({ method: 'GET', path: '/user', reply: { status: 502, json: { message: 'Server Error' } } })
    const outage = await call(users.viewer, 'github-validate-connection', 'POST', { organization_id: DEMO.acme })
    expect(outage.data).toMatchObject({ ok: false, status: 'down' })
    expect(outage.data.message).toMatch(/GitHub/)
    github.reset()
  })
})

describe('removing the organization token', () => {
  it('is for organization admins, whoever saved it; then the proxy says there is none', async () => {
    const byOperator = await users.operator.from('github_tokens').delete().eq('organization_id', DEMO.acme).select('id')
    expect(byOperator.data).toEqual([])
    const lead = await signIn(stack, 'lead@opzenix.dev') // an Acme admin who did not save it
    const byLead = await lead.from('github_tokens').delete().eq('organization_id', DEMO.acme).select('id')
    expect(byLead.data).toHaveLength(1)
    expect((await call(users.viewer, `github-api/repos?organization_id=${DEMO.acme}`)).error).toMatchObject({ error: { code: 'no_github_token' } })
  })
})
