// Commit statuses back to GitHub: a push to develop starts the mapped pipeline, and each status change of the
// run is reported on the pushed commit (GitHub played by a recording server) under the pipeline's context, with
// the organization's token and a link to the run page, in order: pending while it runs, success when it passed.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { waitFor } from '../functions/helpers.ts'
import { finished } from '../functions/runs.ts'
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.ts'
import { GOOD_TOKEN, githubRoutes } from './fake-github.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { deliver, example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api; develop → the dev pipeline
const STATUSES = /^\/repos\/acme\/payments-api\/statuses\/[0-9a-f]{40}$/
const GHES_STATUSES = /^\/api\/v3\/repos\/acme\/payments-api\/statuses\/[0-9a-f]{40}$/
let github: RecordingServer
let ghes: RecordingServer
let stack: ProjectStack
let secret: string
let tickBefore: string | undefined

beforeAll(async () => {
  // github.com (GITHUB_API_URL: the token check) and a GitHub Enterprise Server the connection names for acme.
  github = await startRecordingServer(githubRoutes)
  ghes = await startRecordingServer([{ method: 'POST', path: GHES_STATUSES, reply: { status: 201, json: { id: 1, state: 'pending' } } }])
  tickBefore = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '300'
  stack = await startProjectWithEnv({ GITHUB_API_URL: github.url, OPZENIX_APP_URL: 'https://opzenix.example.com', CONNECTION_TIMEOUT_MS: '3000' })
  const admin = await signIn(stack, 'admin@opzenix.dev')
  const token = await admin.functions.invoke('github-api/token', { body: { organization_id: DEMO.acme, token: GOOD_TOKEN } })
  expect(token.error).toBeNull()
  const hook = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  secret = hook.data.secret
  await sql(stack, `update public.connections set config = config || jsonb_build_object('api_url', $1::text) where type = 'github' and organization_id = $2`, [`${ghes.url}/api/v3`, DEMO.acme])
}, 180_000)
afterAll(async () => {
  await stack?.stop()
  await github?.stop()
  await ghes?.stop()
  if (tickBefore === undefined) delete process.env.OPZENIX_TICK_MS
  else process.env.OPZENIX_TICK_MS = tickBefore
})

describe('commit statuses', () => {
  it('reports a pushed commit\'s run to GitHub as it goes: pending, then success, with a link to the run', async () => {
    const commit = randomUUID().replace(/-/g, '') + '00000000'
    const base = example('push', (p) => p.ref === 'refs/heads/master')
    const push = { ...base, ref: 'refs/heads/develop', after: commit, repository: { ...base.repository, full_name: 'acme/payments-api', name: 'payments-api' } }
    expect((await deliver(`${stack.functionsUrl}/github-webhook/${INTEGRATION}`, 'push', push, { secret })).status).toBe(202)
    const [run] = await waitFor(async () => {
      const rows = await sql(stack, `select x.id, f.name as pipeline from public.executions x join public.flow_templates f on f.id = x.flow_template_id where x.commit_sha = $1`, [commit])
      return rows.length ? rows : undefined
    }, 30_000, 'the push to start its run')
    expect(await finished(stack, run.id)).toBe('success')
    const rows = await waitFor(async () => {
      const r = await sql(stack, `select state, description, delivery, error from public.github_commit_statuses where execution_id = $1 order by id`, [run.id])
      return r.length && r.every((s) => s.delivery === 'sent' || s.delivery === 'failed') && r.at(-1)!.state === 'success' ? r : undefined
    }, 30_000, 'the statuses to be sent')
    expect(rows.map((r) => [r.state, r.description, r.delivery, r.error])).toEqual([
      ...rows.slice(0, -1).map((r) => ['pending', r.description, 'sent', null]),
      ['success', 'Passed', 'sent', null],
    ])
    expect(rows[0].description).toMatch(/^(Queued|Running)$/)

    // To the connection's server (GitHub Enterprise Server), not GITHUB_API_URL's.
    expect(github.received(STATUSES)).toEqual([])
    const sent = ghes.received(`/api/v3/repos/acme/payments-api/statuses/${commit}`, 'POST')
    expect(sent.map((r) => JSON.parse(r.body).state)).toEqual(rows.map((r) => r.state))
    expect(JSON.parse(sent.at(-1)!.body)).toEqual({
      state: 'success', context: `opzenix/${run.pipeline}`, description: 'Passed', target_url: `https://opzenix.example.com/executions/${run.id}`,
    })
    expect(sent.every((r) => r.headers.authorization === `token ${GOOD_TOKEN}`)).toBe(true)
  }, 90_000)

  it('records GitHub\'s refusal on the status', async () => {
    ghes.route({ method: 'POST', path: GHES_STATUSES, reply: { status: 422, json: { message: 'No commit found for SHA' } } })
    const [{ id }] = await sql(stack, `insert into public.executions (project_id, name, status, commit_sha, graph) values ($1, 'unknown commit', 'queued', $2, '{"nodes": [{"id": "src", "kind": "source", "config": {"repository": "acme/payments-api"}}]}') returning id`,
      [DEMO.project, 'f'.repeat(40)])
    const [row] = await waitFor(async () => {
      const r = await sql(stack, `select delivery, error from public.github_commit_statuses where execution_id = $1`, [id])
      return r.length && r[0].delivery !== 'queued' && r[0].delivery !== 'sending' ? r : undefined
    }, 30_000, 'the refused status')
    expect(row.delivery).toBe('failed')
    expect(row.error).toContain('422')
  })
})
