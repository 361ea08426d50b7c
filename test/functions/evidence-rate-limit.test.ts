// CI uploads are rate-limited per integration (EVIDENCE_RATE_LIMIT_INTEGRATION, all four evidence functions
// counted together): past the limit a 429 in the one error shape with Retry-After, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, sql } from '../data-model/demo.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { counts, expectError, roleClients } from './helpers.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001'
let stack: ProjectStack
let secret: string
let run: string

beforeAll(async () => {
  stack = await startProjectWithEnv({ EVIDENCE_RATE_LIMIT_INTEGRATION: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' })
  const as = await roleClients(stack)
  const { data, error } = await as.admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  secret = data.secret
  ;[{ id: run }] = await sql(stack, `insert into public.executions (project_id, name, status) values ($1, 'rate limited build', 'running') returning id`, [DEMO.project])
  await sql(stack, `insert into public.execution_nodes (execution_id, node_id, name) values ($1, 'lint', 'lint')`, [run])
}, 120_000)
afterAll(async () => { await stack?.stop() })

const post = async (fn: string, body: string) => {
  const res = await fetch(`${stack.functionsUrl}/${fn}/${INTEGRATION}?execution_id=${run}&node_id=lint`, {
    method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body,
  })
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() }
}
const evidence = (n: number) => JSON.stringify({ kind: 'lint', title: `Lint pass ${n}`, status: 'passed' })

describe('evidence rate limits', () => {
  it('answers 429 past the integration\'s limit, whichever function, and writes nothing', async () => {
    for (let n = 1; n <= 3; n++) expect((await post('record-ci-evidence', evidence(n))).status).toBe(201)
    const before = await counts(stack, ['step_evidence', 'vulnerability_scans'])
    const refused = await post('record-ci-evidence', evidence(4))
    expectError(refused, 429, 'rate_limited')
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    expect(refused.body.error.details).toMatchObject({ scope: 'integration', limit: 3 })
    expectError(await post('trivy-scan', JSON.stringify({ SchemaVersion: 2, Results: [] })), 429, 'rate_limited')
    expect(await counts(stack, ['step_evidence', 'vulnerability_scans'])).toEqual(before)
  })
})
