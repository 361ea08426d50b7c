import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { DEMO, signIn, sql, startProjectStack, type Client } from '../data-model/demo.ts'
import { counts, expectError, invoke, rawPost, roleClients, waitFor, type Clients } from './helpers.ts'
import { storedPipeline } from '../engine/helpers.ts'
import { createPipeline, finished } from './runs.ts'

// promote-version ships what runs in one environment to the next one: same tag, commit and artifact, through
// the target's gates. The seed's chain is dev → uat (1 approval) → staging (1) → preprod (2, locked) → prod.
let stack: TestStack
let as: Clients
let lead: Client
const TABLES = ['executions', 'execution_nodes', 'deployments', 'deployment_versions']

const current = async (env: string) => (await sql(stack, `select id, version_tag, commit_sha, artifact_id, promoted_from_id
  from public.deployment_versions where environment_id = $1 and is_current`, [env]))[0]
const status = async (client: Client, env: string) => {
  const { data, error } = await client.rpc('environment_promotion_status', { _project_id: DEMO.project })
  if (error) throw error
  return (data as any[]).find((row) => row.environment_id === env)
}
/** A new current version in dev, as a deploy would leave it (with an artifact, so promotion can carry it). */
async function deployToDev(tag: string): Promise<string> {
  const [artifact] = await sql(stack, `insert into public.artifacts (project_id, name, image_digest, metadata)
    values ($1, 'payments-api', $2, jsonb_build_object('version', $3::text)) returning id`, [DEMO.project, `sha256:${'ab'.repeat(32)}`, tag])
  await sql(stack, 'update public.deployment_versions set is_current = false where environment_id = $1 and is_current', [DEMO.env.dev])
  const [row] = await sql(stack, `insert into public.deployment_versions (project_id, environment_id, artifact_id, version_tag, commit_sha, is_current)
    values ($1, $2, $3, $4, $5, true) returning id`, [DEMO.project, DEMO.env.dev, artifact.id, tag, 'c0ffee1234567'])
  return row.id
}
async function approve(client: Client, executionId: string): Promise<void> {
  const request = await waitFor(async () => (await sql(stack,
    `select id from public.approval_requests where execution_id = $1 and status = 'pending'`, [executionId]))[0]?.id as string | undefined,
  30_000, 'the promotion\'s approval request')
  const { error } = await client.from('approval_votes').insert({ approval_request_id: request, vote: 'approve' })
  if (error) throw error
}

beforeAll(async () => {
  stack = await startProjectStack()
  as = await roleClients(stack)
  lead = await signIn(stack, 'lead@opzenix.dev')
}, 120_000)
afterAll(async () => { await stack?.stop() })

describe('promote-version', () => {
  it('shows how far uat is behind dev, then ships dev\'s exact version to uat through its approval gate', async () => {
    await deployToDev('2.1.0')
    await deployToDev('2.2.0')
    const waiting = await status(as.viewer, DEMO.env.uat)
    // The seed's uat runs a version that never ran in dev: how far behind is unknown (null), not zero.
    expect(waiting).toMatchObject({ previous_environment_id: DEMO.env.dev, current_version_tag: 'fraud-v45',
      candidate_version_tag: '2.2.0', behind_by: null })

    const source = await current(DEMO.env.dev)
    const reply = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.uat })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body).toMatchObject({ version: '2.2.0', from: { key: 'dev' }, to: { key: 'uat' } })
    const id = reply.body.execution_id
    const [run] = await sql(stack, 'select name, environment_id, commit_sha, promotion_of_version_id, started_by from public.executions where id = $1', [id])
    expect(run).toEqual({ name: 'Promote 2.2.0: dev → uat', environment_id: DEMO.env.uat, commit_sha: source.commit_sha,
      promotion_of_version_id: source.id, started_by: DEMO.users.operator })
    expect((await status(as.viewer, DEMO.env.uat)).promoting_execution_id).toBe(id)
    // The same promotion again, while this one waits for its approval, is refused with a pointer to it.
    const again = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.uat })
    expectError(again, 409, 'conflict')
    expect(again.body.error.message).toBe(`2.2.0 is already being promoted to uat (run ${id})`)

    await approve(as.admin, id)
    expect(await finished(stack, id)).toBe('success')
    const shipped = await current(DEMO.env.uat)
    expect(shipped).toMatchObject({ version_tag: '2.2.0', commit_sha: source.commit_sha, artifact_id: source.artifact_id, promoted_from_id: source.id })
    const [deployment] = await sql(stack, 'select reason, deployed_by from public.deployments where execution_id = $1', [id])
    expect(deployment).toEqual({ reason: `Promoted from dev by run ${run.name}`, deployed_by: DEMO.users.operator })
    const after = await status(as.viewer, DEMO.env.uat)
    expect(after).toMatchObject({ current_version_tag: '2.2.0', candidate_version_tag: null, behind_by: 0, promoting_execution_id: null })
    // Now staging is the one behind: uat's new version waits to be promoted there.
    expect((await status(as.viewer, DEMO.env.staging)).candidate_version_tag).toBe('2.2.0')
  })

  it('refuses backwards, skipping, repeated and empty promotions with a sentence, and writes nothing', async () => {
    const before = await counts(stack, TABLES)
    const refused = async (body: Record<string, unknown>, statusCode: number, message: string) => {
      const reply = await invoke(as.operator, 'promote-version', body)
      expectError(reply, statusCode)
      expect(reply.body.error.message).toBe(message)
    }
    await refused({ to_environment_id: DEMO.env.dev }, 400, 'dev is the first stage of the chain: nothing comes before it to promote')
    await refused({ to_environment_id: DEMO.env.dev, from_environment_id: DEMO.env.uat }, 400,
      'Promotion goes forward along the chain, and dev comes before uat (to go back, roll back instead)')
    await refused({ to_environment_id: DEMO.env.staging, from_environment_id: DEMO.env.dev }, 409,
      'uat comes next after dev: promoting straight to staging would skip it, which staging does not allow (an admin can allow it in staging\'s settings)')
    await refused({ to_environment_id: DEMO.env.uat }, 409, 'uat already runs 2.2.0')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('lets a stage be skipped only where an admin allows it, and the deploy step checks the chain again when it runs', async () => {
    const { error } = await as.admin.from('environments').update({ allow_skip_promotion: true }).eq('id', DEMO.env.staging)
    expect(error).toBeNull()
    const since = await deployToDev('2.3.0')
    await deployToDev('2.3.1')
    const behind = await status(as.viewer, DEMO.env.uat)
    const [first] = await sql(stack, 'select created_at from public.deployment_versions where id = $1', [since])
    expect(behind).toMatchObject({ current_version_tag: '2.2.0', candidate_version_tag: '2.3.1', behind_by: 2 })
    expect(Date.parse(behind.behind_since)).toBe(first.created_at.getTime())

    const reply = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.staging, from_environment_id: DEMO.env.dev })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    // While it waits for approval, the admin turns skipping off again: the deploy step refuses, in words.
    await as.admin.from('environments').update({ allow_skip_promotion: false }).eq('id', DEMO.env.staging)
    await approve(lead, reply.body.execution_id)
    expect(await finished(stack, reply.body.execution_id)).toBe('failed')
    const [node] = await sql(stack, `select status::text, output ->> 'detail' as detail from public.execution_nodes
      where execution_id = $1 and node_id = 'deploy'`, [reply.body.execution_id])
    expect(node.status).toBe('failed')
    expect(node.detail).toContain('uat comes next after dev: promoting straight to staging would skip it')
    expect((await current(DEMO.env.staging)).version_tag).not.toBe('2.3.1')
  })

  it('refuses viewers (403), other organizations (404), anonymous callers (401) and bad input (400)', async () => {
    const before = await counts(stack, TABLES)
    const viewer = await invoke(as.viewer, 'promote-version', { to_environment_id: DEMO.env.staging })
    expectError(viewer, 403, 'forbidden')
    expect(viewer.body.error.message).toMatch(/deploy on staging/)
    expectError(await invoke(as.globex, 'promote-version', { to_environment_id: DEMO.env.staging }), 404, 'not_found')
    expectError(await invoke(as.anon, 'promote-version', { to_environment_id: DEMO.env.staging }), 401, 'unauthorized')
    for (const body of [{}, { to_environment_id: 'staging' }, { to_environment_id: DEMO.env.staging, from_environment_id: 7 },
      { to_environment_id: DEMO.env.staging, note: 'x'.repeat(501) }]) {
      expectError(await invoke(as.operator, 'promote-version', body), 400, 'invalid_input')
    }
    expectError(await invoke(as.operator, 'promote-version', { to_environment_id: '00000000-0000-4000-a000-00000000dead' }), 404, 'not_found')
    expectError(await rawPost(stack, as.operator, 'promote-version', 'nope', 'application/json'), 400, 'invalid_input')
    expect(await counts(stack, TABLES)).toEqual(before)
  })

  it('answers a starter an admin denied run on the target with 403 and the sentence, for promotions and pipeline runs alike', async () => {
    const { data: denial, error } = await as.admin.from('environment_permissions').insert({ environment_id: DEMO.env.staging,
      user_id: DEMO.users.operator, action: 'run', effect: 'deny', reason: 'staging is for the release captain' }).select('id').single()
    expect(error).toBeNull()
    const before = await counts(stack, TABLES)
    const sentence = "You don't have run on staging: an admin denied it to you (staging is for the release captain)"
    const promoted = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.staging })
    expectError(promoted, 403, 'forbidden')
    expect(promoted.body.error.message).toBe(sentence)
    const pipeline = await createPipeline(stack, 'staging release', storedPipeline([['src', 'source', { repository: 'acme/payments-api' }],
      ['build', 'build', { executor: { type: 'simulated', duration_ms: 0, outcome: 'success', log_lines: [] } }],
      ['gate', 'approval', { environment: 'staging' }], ['deploy', 'deploy', { environment: 'staging' }]]))
    const started = await invoke(as.operator, 'pipeline-execute', { flow_template_id: pipeline })
    expectError(started, 403, 'forbidden')
    expect(started.body.error.message).toBe(sentence)
    expect(await counts(stack, TABLES)).toEqual(before)
    await as.admin.from('environment_permissions').delete().eq('id', denial!.id)
  })

  it('lists what runs where across the organization\'s projects, as each member may see it', async () => {
    const { data, error } = await as.viewer.rpc('release_matrix', { _organization_id: DEMO.acme })
    expect(error).toBeNull()
    const uat = (data as any[]).find((row) => row.environment_id === DEMO.env.uat)
    // dev has received 2.3.0 and 2.3.1 since (the test before), so uat is two versions behind it.
    expect(uat).toMatchObject({ project_name: 'payments-api', environment_key: 'uat', version_tag: '2.2.0', promoted: true, behind_by: 2 })
    expect((data as any[]).map((row) => row.environment_key).slice(0, 5)).toEqual(['dev', 'uat', 'staging', 'preprod', 'prod'])
    const outsider = await as.globex.rpc('release_matrix', { _organization_id: DEMO.acme })
    expect(outsider.data).toEqual([])
  })
})
