// The stale-delivery sweep runs on the scheduler's engine tick: a delivery a dead worker left 'received' is
// processed (its push starts the mapped run) although no other delivery ever arrives.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql } from '../data-model/demo.ts'
import { waitFor } from '../functions/helpers.ts'
import { startProjectWithEnv, type ProjectStack } from './project.ts'
import { example } from './webhook-client.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001' // acme/payments-api; develop → dev is mapped to a pipeline
let stack: ProjectStack
let tickBefore: string | undefined

beforeAll(async () => {
  tickBefore = process.env.OPZENIX_TICK_MS
  process.env.OPZENIX_TICK_MS = '500'
  stack = await startProjectWithEnv({})
})
afterAll(async () => {
  await stack?.stop()
  if (tickBefore === undefined) delete process.env.OPZENIX_TICK_MS
  else process.env.OPZENIX_TICK_MS = tickBefore
})

describe('scheduled webhook sweep', () => {
  it('processes a delivery left received, with no other delivery arriving', async () => {
    const commit = randomUUID().replace(/-/g, '').slice(0, 12) + '0'.repeat(28)
    const payload = { ...example('push', (p) => p.ref === 'refs/heads/master'), ref: 'refs/heads/develop', after: commit }
    const deliveryId = randomUUID()
    await sql(stack, `insert into public.webhook_deliveries (provider, delivery_id, event, project_id, github_integration_id, status, payload, received_at)
      values ('github', $1, 'push', $2, $3, 'received', $4, now() - interval '2 minutes')`, [deliveryId, DEMO.project, INTEGRATION, payload])
    const row = await waitFor(async () => {
      const [r] = await sql(stack, `select status, result from public.webhook_deliveries where delivery_id = $1`, [deliveryId])
      return r.status === 'received' || r.status === 'processing' ? undefined : r
    }, 60_000, 'the scheduler to sweep the delivery')
    expect(row.status).toBe('processed')
    expect(row.result).toMatchObject({ branch: 'develop', started: true })
    const runs = await sql(stack, 'select id, trigger_source from public.executions where commit_sha = $1', [commit])
    expect(runs).toEqual([{ id: row.result.execution_id, trigger_source: 'webhook' }])
  })
})
