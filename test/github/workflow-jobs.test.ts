// workflow_job deliveries show per-job progress on the github_workflow step waiting for their run: the job is
// recorded on the node and its start and end are lines of the step's log; a job of a run no step waits for, or
// of another repository, changes no node.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { waitFor } from '../functions/helpers.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { deliver, example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api
const RUN_ID = 7_700_000_000 + Math.floor(Math.random() * 1_000_000)
let stack: ProjectStack
let url: string
let secret: string
let execution: string
let tickBefore: string | undefined

/** A real workflow_job payload GitHub sent, moved to this repository and run. */
function job(action: string, conclusion?: string, overrides: Record<string, unknown> = {}) {
  const p = example('workflow_job', (e) => e.action === action && (!conclusion || e.workflow_job.conclusion === conclusion))
  p.repository.full_name = 'acme/payments-api'
  Object.assign(p.workflow_job, { run_id: RUN_ID, id: 91_000_001, name: 'unit tests', html_url: `https://github.com/acme/payments-api/actions/runs/${RUN_ID}/job/91000001` }, overrides)
  return p
}

async function processed(deliveryId: string) {
  return waitFor(async () => {
    const [row] = await sql(stack, 'select status, result from public.webhook_deliveries where delivery_id = $1', [deliveryId])
    return row && row.status !== 'received' && row.status !== 'processing' ? row : undefined
  }, 30_000, `delivery ${deliveryId}`)
}

const node = async () => (await sql(stack, `select output from public.execution_nodes where execution_id = $1 and node_id = 'ci'`, [execution]))[0].output
const lines = async () => (await sql(stack, `select level, message from public.execution_logs where execution_id = $1 and node_id = 'ci' order by id`, [execution]))

beforeAll(async () => {
  tickBefore = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '0' // the step is set up by hand: no engine tick may time it out meanwhile
  stack = await startProjectWithEnv({})
  url = `${stack.functionsUrl}/github-webhook/${INTEGRATION}`
  const admin = await signIn(stack, 'admin@opzenix.dev')
  const { data, error } = await admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  secret = data.secret
  // A run whose GitHub workflow step dispatched run RUN_ID and waits for it.
  ;[{ id: execution }] = await sql(stack, `insert into public.executions (project_id, name, status) values ($1, 'workflow jobs', 'running') returning id`, [DEMO.project])
  await sql(stack, `insert into public.execution_nodes (execution_id, node_id, name, kind, status, started_at, output)
    values ($1, 'ci', 'CI workflow', 'github_workflow', 'running', now(), $2)`,
  [execution, { github_workflow: { repository: 'acme/payments-api', state: 'in_progress', run_id: RUN_ID, workflow_path: '.github/workflows/ci.yml' } }])
})
afterAll(async () => {
  await stack?.stop()
  if (tickBefore === undefined) delete process.env.OPZENIX_TICK_MS
  else process.env.OPZENIX_TICK_MS = tickBefore
})

describe('workflow_job progress', () => {
  it('records each job on the waiting step and logs when it starts and how it ended', async () => {
    const started = await deliver(url, 'workflow_job', job('in_progress'), { secret })
    expect(started.status).toBe(202)
    expect((await processed(started.deliveryId)).result.node).toMatchObject({ matched: true, execution_id: execution, node_id: 'ci', job_status: 'in_progress' })
    expect((await node()).github_workflow.jobs['91000001']).toMatchObject({ name: 'unit tests', status: 'in_progress' })
    // GitHub redelivers, or sends in_progress twice: still one line.
    await processed((await deliver(url, 'workflow_job', job('in_progress'), { secret })).deliveryId)

    const failed = await deliver(url, 'workflow_job', job('completed', 'failure'), { secret })
    await processed(failed.deliveryId)
    const recorded = (await node()).github_workflow
    expect(recorded.jobs['91000001']).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(recorded.run_id).toBe(RUN_ID) // the run's own fields are kept
    const log = await lines()
    expect(log.map((l) => l.message)).toEqual([
      expect.stringMatching(/^Job unit tests started on .+ — https:\/\/github.com\/acme\/payments-api\/actions\/runs\/\d+\/job\/91000001$/),
      `Job unit tests finished: failure — https://github.com/acme/payments-api/actions/runs/${RUN_ID}/job/91000001`,
    ])
    expect(log[1].level).toBe('error')
  })

  it('changes no step for a job of a run nobody waits for, or of another repository', async () => {
    const before = await node()
    const other = await deliver(url, 'workflow_job', job('in_progress', undefined, { run_id: RUN_ID + 1, id: 91_000_002 }), { secret })
    expect((await processed(other.deliveryId)).result.node).toEqual({ matched: false, reason: 'no_waiting_node' })
    const foreign = job('in_progress', undefined, { id: 91_000_003 })
    foreign.repository.full_name = `someone-else/${randomUUID().slice(0, 8)}`
    expect((await processed((await deliver(url, 'workflow_job', foreign, { secret })).deliveryId)).result.node).toMatchObject({ matched: false })
    expect(await node()).toEqual(before)
    expect(await lines()).toHaveLength(2)
  })
})
