// GitHub App authentication: with GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY set (and no organization token at all),
// commit statuses go out with an installation token: Opzenix signs an RS256 app JWT that GitHub (a recording
// server holding the app's public key) verifies, finds the installation on the repository, asks for a token
// scoped to it, and reuses that token until it nears expiry.
import { generateKeyPairSync } from 'node:crypto'
import { importSPKI, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql } from '../data-model/demo.ts'
import { waitFor } from '../functions/helpers.ts'
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../helpers/recording-server.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'

const APP_ID = '912345'
const INSTALLATION_TOKEN = 'ghs_opzenixInstallationToken000000000001'
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
})
let github: RecordingServer
let stack: ProjectStack
let tickBefore: string | undefined
const verified: Array<{ iss: unknown; lifetime: number }> = []

async function appAuth(req: RecordedRequest): Promise<boolean> {
  const jwt = String(req.headers.authorization ?? '').replace(/^bearer /i, '')
  try {
    const { payload } = await jwtVerify(jwt, await importSPKI(publicKey, 'RS256'), { algorithms: ['RS256'] })
    verified.push({ iss: payload.iss, lifetime: payload.exp! - payload.iat! })
    return payload.iss === APP_ID
  } catch {
    return false
  }
}

beforeAll(async () => {
  github = await startRecordingServer([
    { method: 'GET', path: '/repos/acme/payments-api/installation', reply: async (req) => (await appAuth(req)) ? { json: { id: 4242, app_id: Number(APP_ID) } } : { status: 401, json: { message: 'A JSON web token could not be decoded' } } },
    { method: 'POST', path: '/app/installations/4242/access_tokens', reply: async (req) => (await appAuth(req))
      ? { status: 201, json: { token: INSTALLATION_TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString() } }
      : { status: 401, json: { message: 'Bad credentials' } } },
    { method: 'POST', path: /^\/repos\/acme\/payments-api\/statuses\/[0-9a-f]{40}$/, reply: (req) => req.headers.authorization === `token ${INSTALLATION_TOKEN}`
      ? { status: 201, json: { id: 1 } } : { status: 401, json: { message: 'Bad credentials' } } },
  ])
  tickBefore = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '300'
  stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, GITHUB_APP_ID: APP_ID, GITHUB_APP_PRIVATE_KEY: privateKey.trim().replace(/\n/g, '\\n') })
  // The seeded GitHub connection says api.github.com; this GitHub is the recording server.
  await sql(stack, `update public.connections set config = config || jsonb_build_object('api_url', $1::text) where type = 'github' and organization_id = $2`, [github.url, DEMO.acme])
}, 120_000)
afterAll(async () => {
  await stack?.stop()
  await github?.stop()
  if (tickBefore === undefined) delete process.env.OPZENIX_TICK_MS
  else process.env.OPZENIX_TICK_MS = tickBefore
})

describe('GitHub App authentication', () => {
  it('sends commit statuses with an installation token for the repository, fetched once', async () => {
    const graph = { nodes: [{ id: 'src', type: 'source', data: { config: { repository: 'acme/payments-api' } } }], edges: [] }
    for (const [i, commit] of ['a', 'b'].map((c) => c.repeat(40)).entries()) {
      await sql(stack, `insert into public.executions (project_id, name, status, commit_sha, graph) values ($1, $2, 'queued', $3, $4)`,
        [DEMO.project, `app run ${i}`, commit, graph])
    }
    const rows = await waitFor(async () => {
      const r = await sql(stack, `select s.delivery, s.error from public.github_commit_statuses s join public.executions x on x.id = s.execution_id where x.name like 'app run %' order by s.id`)
      return r.length >= 2 && r.every((s) => s.delivery === 'sent' || s.delivery === 'failed') ? r : undefined
    }, 30_000, 'the statuses to be sent')
    expect(rows.every((r) => r.delivery === 'sent' && r.error === null)).toBe(true)
    // No organization token was saved (the seed's is demo ciphertext nobody can open): only the app's token sent them.
    // One installation token for both runs' statuses, from a JWT GitHub could verify (9 minutes, issued by the app).
    expect(github.received('/app/installations/4242/access_tokens', 'POST')).toHaveLength(1)
    expect(JSON.parse(github.received('/app/installations/4242/access_tokens', 'POST')[0].body)).toEqual({ repositories: ['payments-api'] })
    expect(verified.length).toBeGreaterThanOrEqual(2)
    expect(verified.every((v) => v.iss === APP_ID && v.lifetime === 600)).toBe(true)
    expect(github.received(/\/statuses\//, 'POST').every((r) => r.headers.authorization === `token ${INSTALLATION_TOKEN}`)).toBe(true)
  })
})
