// Pull requests start a mapped pipeline: a pull-request mapping (on_pull_request) matching the base branch starts
// its pipeline on the PR's head branch and commit when it is opened or updated; a fork's pull request, another
// action or an unmapped base start nothing; pushes ignore pull-request mappings.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { waitFor } from '../functions/helpers.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { deliver, example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api
let stack: ProjectStack
let hook: string
let secret: string
let pipeline: string
let tickBefore: string | undefined

const sha = () => randomUUID().replace(/-/g, '') + '00000000'

/** GitHub's own pull_request payload, as if it were a pull request of acme/payments-api from `head`. */
function pullRequest(action: string, base: string, head: string, headSha: string, fork = false) {
  const p = example('pull_request', (e) => e.action === 'opened')
  p.action = action
  p.repository = { ...p.repository, full_name: 'acme/payments-api', name: 'payments-api' }
  p.pull_request.base = { ...p.pull_request.base, ref: base, repo: { ...p.pull_request.base.repo, full_name: 'acme/payments-api' } }
  p.pull_request.head = { ...p.pull_request.head, ref: head, sha: headSha, repo: { ...p.pull_request.head.repo, full_name: fork ? 'mallory/payments-api' : 'acme/payments-api' } }
  return p
}

async function outcome(payload: unknown, event = 'pull_request') {
  const sent = await deliver(hook, event, payload, { secret })
  expect(sent.status).toBe(202)
  return waitFor(async () => {
    const [row] = await sql(stack, 'select status, result from public.webhook_deliveries where delivery_id = $1', [sent.deliveryId])
    return row && !['received', 'processing'].includes(row.status) ? row : undefined
  }, 30_000, `delivery ${sent.deliveryId}`)
}
const runsOf = async (commit: string) => sql(stack, 'select id, branch, trigger_source, flow_template_id from public.executions where commit_sha = $1', [commit])

beforeAll(async () => {
  tickBefore = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '0' // the runs only need to start
  stack = await startProjectWithEnv({})
  hook = `${stack.functionsUrl}/github-webhook/${INTEGRATION}`
  const admin = await signIn(stack, 'admin@opzenix.dev')
  secret = (await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })).data.secret
  // The dev pipeline the seed maps develop to, now also run for pull requests into main (into dev).
  ;[{ flow_template_id: pipeline }] = await sql(stack, `select flow_template_id from public.branch_mappings where branch_pattern = 'develop'`)
  const { error } = await admin.from('branch_mappings').insert({
    project_id: DEMO.project, github_integration_id: INTEGRATION, branch_pattern: 'main', environment_id: DEMO.env.dev,
    flow_template_id: pipeline, is_deployable: true, position: 0, on_pull_request: true,
  })
  expect(error).toBeNull()
})
afterAll(async () => {
  await stack?.stop()
  if (tickBefore === undefined) delete process.env.OPZENIX_TICK_MS
  else process.env.OPZENIX_TICK_MS = tickBefore
})

describe('pull requests', () => {
  it('start the mapped pipeline on the head branch and commit when opened and when updated', async () => {
    const first = sha()
    const opened = await outcome(pullRequest('opened', 'main', 'feature/refunds', first))
    expect(opened.result).toMatchObject({ action: 'opened', pattern: 'main', started: true, flow_template_id: pipeline })
    expect(await runsOf(first)).toEqual([{ id: opened.result.execution_id, branch: 'feature/refunds', trigger_source: 'webhook', flow_template_id: pipeline }])
    const second = sha()
    const updated = await outcome(pullRequest('synchronize', 'main', 'feature/refunds', second))
    expect(updated.result).toMatchObject({ started: true })
    expect(await runsOf(second)).toHaveLength(1)
  })

  it('start nothing for a fork, for other actions, or for a base no pull-request mapping covers', async () => {
    const commit = sha()
    expect((await outcome(pullRequest('opened', 'main', 'patch-1', commit, true))).result).toMatchObject({ started: false, reason: 'fork', head_repository: 'mallory/payments-api' })
    expect((await outcome(pullRequest('closed', 'main', 'feature/refunds', commit))).result).not.toHaveProperty('started')
    expect((await outcome(pullRequest('opened', 'develop', 'feature/x', commit))).result).toMatchObject({ started: false, reason: 'no_mapping' })
    expect(await runsOf(commit)).toEqual([])
  })

  it('leave pushes to the push mappings: a push to main still goes to staging\'s pipeline, not the pull-request one', async () => {
    const commit = sha()
    const base = example('push', (p) => p.ref === 'refs/heads/master')
    const pushed = await outcome({ ...base, ref: 'refs/heads/main', after: commit }, 'push')
    const [seeded] = await sql(stack, `select flow_template_id, environment_id from public.branch_mappings where branch_pattern = 'main' and not on_pull_request`)
    expect(pushed.result).toMatchObject({ pattern: 'main', environment_id: seeded.environment_id, flow_template_id: seeded.flow_template_id })
  })
})
