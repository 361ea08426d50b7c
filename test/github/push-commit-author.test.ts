// Separation of duties for runs GitHub starts: a push records its head commit's author, and an approval
// policy that forbids the commit's author keeps that person (an admin here) from approving the run's gate,
// with the database's sentence, while another admin can; with the switch off the author may approve.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRun, simulated, storedPipeline, waitFor } from '../engine/helpers.ts'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { deliver, example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api, seeded with a plaintext secret
const SECRET = 'whsec_demo_acme_payments_0f9d2c'
const AUTHOR = 'Lead@Opzenix.dev' // lead@opzenix.dev, an admin of Acme, as git spells it (case differs)
const SENTENCE = 'You wrote the commit being deployed, so you cannot approve it (separation of duties).'

let stack: ProjectStack
let hook: string
let admin: Client
let lead: Client

const sha = () => randomUUID().replace(/-/g, '') + 'abcdef01'

/** A push of `commit` to `branch` whose head commit `author` wrote (a real GitHub payload, re-aimed). */
function push(branch: string, commit: string, author: string) {
  const payload = example('push', (p) => p.ref === 'refs/heads/master' && !!p.head_commit)
  return { ...payload, ref: `refs/heads/${branch}`, after: commit, head_commit: { ...payload.head_commit, id: commit, author: { ...payload.head_commit.author, email: author } } }
}

/** Delivers the push and returns the run it started and that run's approval request, once the gate has opened it. */
async function pushedRun(branch: string, author: string) {
  const commit = sha()
  const sent = await deliver(hook, 'push', push(branch, commit, author), { secret: SECRET })
  expect(sent.status).toBe(202)
  const [delivery] = await waitFor(() => sql(stack, 'select status, error, result from public.webhook_deliveries where delivery_id = $1', [sent.deliveryId]),
    (rows) => rows.length === 1 && !['received', 'processing'].includes(rows[0].status), 30_000)
  expect(delivery.result, JSON.stringify(delivery)).toMatchObject({ started: true })
  const [run] = await waitFor(() => sql(stack, 'select id, commit_author_email, started_by, trigger_source from public.executions where commit_sha = $1', [commit]), (rows) => rows.length === 1, 30_000)
  const [request] = await waitFor(() => sql(stack, 'select id, status from public.approval_requests where execution_id = $1', [run.id]), (rows) => rows.length === 1, 30_000)
  return { run, requestId: request.id as string }
}

const explain = async (client: Client, requestId: string) => {
  const { data, error } = await client.rpc('approval_request_explain', { _request_id: requestId })
  expect(error).toBeNull()
  return data.me as { can_approve: boolean; code: string | null; reason: string | null }
}
const approve = (client: Client, requestId: string) =>
  client.from('approval_votes').insert({ approval_request_id: requestId, project_id: DEMO.project, vote: 'approve', comment: 'ship it' })

async function savePolicy(forbidCommitAuthor: boolean, reason: string) {
  const { error } = await admin.rpc('save_approval_policy', {
    _environment_id: DEMO.env.uat, _reason: reason,
    _policy: { forbid_starter: true, forbid_commit_author: forbidCommitAuthor, rules: [{ level: 1, name: 'Admins', required: 1, role: 'admin' }] },
  })
  expect(error).toBeNull()
}

beforeAll(async () => {
  stack = await startProjectWithEnv({})
  hook = `${stack.functionsUrl}/github-webhook/${INTEGRATION}`
  admin = await signIn(stack, 'admin@opzenix.dev')
  lead = await signIn(stack, 'lead@opzenix.dev')
  const graph = storedPipeline([
    ['src', 'source', { repository: 'acme/payments-api' }],
    ['build', 'build', simulated(0)],
    ['gate', 'approval', { environment: 'uat' }],
    ['deploy', 'deploy', { environment: 'uat' }],
  ])
  const { data: flow, error } = await admin.from('flow_templates')
    .insert({ project_id: DEMO.project, name: 'Author SoD pipeline', type: 'cicd', nodes: graph.nodes, edges: graph.edges }).select('id').single()
  expect(error).toBeNull()
  const mapped = await admin.from('branch_mappings').insert({
    project_id: DEMO.project, github_integration_id: INTEGRATION, branch_pattern: 'author/*', environment_id: DEMO.env.uat,
    flow_template_id: flow!.id, is_deployable: true, position: -1,
  })
  expect(mapped.error).toBeNull()
})
afterAll(() => stack?.stop())

describe('the commit author of a push', () => {
  it('is recorded on the run the push starts, and cannot approve it; another admin can', async () => {
    await savePolicy(true, 'Authors do not approve their own changes')
    const { run, requestId } = await pushedRun('author/one', AUTHOR)
    expect(run).toMatchObject({ commit_author_email: AUTHOR, started_by: null, trigger_source: 'webhook' })

    expect(await explain(lead, requestId)).toMatchObject({ can_approve: false, code: 'commit_author', reason: SENTENCE })
    const refused = await approve(lead, requestId)
    expect(refused.error?.message).toBe(SENTENCE)
    expect(await sql(stack, 'select count(*)::int as n from public.approval_votes where approval_request_id = $1', [requestId])).toEqual([{ n: 0 }])

    expect(await explain(admin, requestId)).toMatchObject({ can_approve: true, code: null })
    expect((await approve(admin, requestId)).error).toBeNull()
    const done = await waitFor(() => readRun(stack, run.id), (r) => r.status === 'success', 30_000)
    expect(done.nodes.gate.status).toBe('success')
    expect(done.nodes.deploy.status).toBe('success')
  }, 90_000)

  it('may approve when the policy lets commit authors approve', async () => {
    await savePolicy(false, 'Small team: authors may approve')
    const { run, requestId } = await pushedRun('author/two', AUTHOR)
    expect(run.commit_author_email).toBe(AUTHOR)
    expect(await explain(lead, requestId)).toMatchObject({ can_approve: true, code: null })
    expect((await approve(lead, requestId)).error).toBeNull()
    expect((await sql(stack, 'select status from public.approval_requests where id = $1', [requestId]))[0].status).toBe('approved')
  }, 90_000)

  it('a push without a usable author email records none', async () => {
    const { run } = await pushedRun('author/three', 'not-an-email')
    expect(run.commit_author_email).toBeNull()
  }, 90_000)
})
