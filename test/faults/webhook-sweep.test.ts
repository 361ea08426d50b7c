// Deliveries a dead worker left behind are finished by the sweep that runs after the next delivery: 'received'
// ones are processed, 'processing' ones are processed again unless their run had already started (then the
// delivery is finished with that run, never a second one), and after 3 attempts one is marked failed.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql } from '../data-model/demo.ts'
import { invoke, waitFor } from '../functions/helpers.ts'
import { createPipeline } from '../functions/runs.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { deliver, example } from '../github/webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api; develop → dev is mapped to a pipeline
const SECRET = 'whsec_demo_acme_payments_0f9d2c'
let stack: ProjectStack

const sha = () => randomUUID().replace(/-/g, '').slice(0, 12) + '0000000000000000000000000000'
const push = (branch: string, after: string) => ({ ...example('push', (p) => p.ref === 'refs/heads/master'), ref: `refs/heads/${branch}`, after })

async function leftBehind(status: string, payload: unknown, minutesAgo: number, attempts: number): Promise<string> {
  const id = randomUUID()
  await sql(stack, `insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, status, payload, received_at, attempts)
    values ('github', $1, 'push', $2, $3, $4, $5, now() - make_interval(mins => $6), $7)`, [id, DEMO.project, INTEGRATION, status, payload, minutesAgo, attempts])
  return id
}

const row = async (deliveryId: string) => (await sql(stack, 'select status, attempts, result, error from public.webhook_deliveries where delivery_id = $1', [deliveryId]))[0]
const runsOf = async (commit: string) => (await sql(stack, 'select id from public.executions where commit_sha = $1', [commit])).map((r) => r.id)

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '0'
  stack = await startProjectWithEnv({})
})
afterAll(() => stack?.stop())

describe('webhook redelivery sweep', () => {
  it('finishes what a dead worker left received or processing, each exactly once', async () => {
    // A push whose worker died after its run started: the run exists, the delivery still says processing.
    const startedCommit = sha()
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const simple = {
      nodes: [
        { id: 'source', type: 'source', position: { x: 0, y: 0 }, data: { label: 'source', config: { repository: 'acme/payments-api' } } },
        { id: 'build', type: 'build', position: { x: 200, y: 0 }, data: { label: 'build', config: { executor: { type: 'simulated', duration_ms: 0, outcome: 'success' } } } },
        { id: 'deploy', type: 'deploy', position: { x: 400, y: 0 }, data: { label: 'deploy', config: { environment: 'dev' } } },
      ],
      edges: [['source', 'build'], ['build', 'deploy']].map(([source, target]) => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })),
    }
    const run = await invoke(operator, 'pipeline-execute', { flow_template_id: await createPipeline(stack, 'from a push', simple) })
    expect(run, JSON.stringify(run.body)).toMatchObject({ status: 201 })
    await sql(stack, `update public.executions set trigger_source = 'webhook', branch = 'develop', commit_sha = $2 where id = $1`, [run.body.execution_id, startedCommit])
    const afterRun = await leftBehind('processing', push('develop', startedCommit), 11, 1)
    // One that died before its run started, one never touched, one that has already failed three times.
    const beforeRunCommit = sha()
    const beforeRun = await leftBehind('processing', push('develop', beforeRunCommit), 11, 1)
    const received = await leftBehind('received', push('hotfix/stuck', sha()), 2, 0)
    const exhausted = await leftBehind('processing', push('develop', sha()), 30, 3)
    const recent = await leftBehind('processing', push('develop', sha()), 1, 0) // may still be working: left alone

    const ping = await deliver(`${stack.functionsUrl}/github-webhook/${INTEGRATION}`, 'ping', example('ping'), { secret: SECRET })
    expect(ping.status).toBe(202)
    await waitFor(async () => ((await row(beforeRun)).status === 'processed' && (await row(received)).status !== 'processing') || undefined, 30_000, 'the sweep')

    expect(await row(afterRun)).toMatchObject({ status: 'processed', attempts: 2, result: { recovered: true, execution_id: run.body.execution_id } })
    expect(await runsOf(startedCommit)).toEqual([run.body.execution_id])
    const redone = await row(beforeRun)
    expect(redone).toMatchObject({ status: 'processed', attempts: 2, result: { started: true, branch: 'develop' } })
    expect(await runsOf(beforeRunCommit)).toEqual([redone.result.execution_id])
    expect(await row(received)).toMatchObject({ status: 'ignored', attempts: 1, result: { reason: 'no_mapping' } })
    expect(await row(exhausted)).toMatchObject({ status: 'failed', attempts: 3, error: expect.stringContaining('not retried again') })
    expect(await row(recent)).toMatchObject({ status: 'processing', attempts: 0 })
  }, 120_000)
})
