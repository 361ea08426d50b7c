// CI evidence end to end on a real stack: CI uploads (with its integration's webhook secret) the JUnit report
// Vitest wrote, a Trivy report, npm's SBOMs and the artifact it built for a run's nodes; members read them
// under RLS; bad uploads are refused and write nothing; the security gate refuses a promotion on a critical
// finding until a second person approves an exception, and the test gate fails a deploy on a failing test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, signIn, sql, type Client } from '../data-model/demo.ts'
import { simulated, storedPipeline } from '../engine/helpers.ts'
import { startProjectWithEnv, type ProjectStack } from '../github/project.ts'
import { counts, expectError, invoke, roleClients, waitFor, type Clients } from './helpers.ts'
import { createPipeline, finished } from './runs.ts'
import { npmSbom, trivyReport, vitestJUnitReport, type JUnitRun } from './evidence-files.ts'

const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const EVIDENCE = ['test_reports', 'test_cases', 'vulnerability_scans', 'vulnerability_findings', 'sboms', 'sbom_packages', 'step_evidence', 'artifacts']
let stack: ProjectStack
let as: Clients
let secret: string
let junit: JUnitRun
let run: string

/** A run that stops on an approval gate before deploying to `env`, so that CI's uploads arrive before the deploy. */
async function gatedRun(env: string): Promise<string> {
  const graph = storedPipeline([
    ['source', 'source', { repository: 'acme/payments-api' }],
    ['build', 'build', simulated(0)],
    ['unit', 'test', simulated(0)],
    ['scan', 'security_scan', simulated(0)],
    ['gate', 'approval', { environment: env, required_approvals: 1 }],
    ['deploy', 'deploy', { environment: env }],
  ])
  const started = await invoke(as.operator, 'pipeline-execute', { flow_template_id: await createPipeline(stack, `evidence ${env} ${Date.now()}`, graph), version: `3.0.${Date.now() % 1000}` })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  const id = started.body.execution_id as string
  await waitFor(async () => (await sql(stack, `select 1 from public.approval_requests where execution_id = $1 and status = 'pending'`, [id]))[0], 30_000, 'the run to reach its gate')
  return id
}

async function approveGate(id: string): Promise<void> {
  const [request] = await sql(stack, `select id from public.approval_requests where execution_id = $1 and status = 'pending'`, [id])
  const { error } = await as.admin.from('approval_votes').insert({ approval_request_id: request.id, vote: 'approve' })
  if (error) throw error
}

/** POSTs a file the way CI's curl does: the integration's URL, the secret as a bearer, the run and node in the query. */
async function upload(fn: string, body: string, type: string, node: string, opts: { execution?: string; auth?: string | null; path?: string } = {}) {
  const url = `${stack.functionsUrl}/${fn}${opts.path ?? `/${INTEGRATION}`}?execution_id=${opts.execution ?? run}&node_id=${encodeURIComponent(node)}`
  const headers: Record<string, string> = { 'content-type': type }
  const auth = opts.auth === undefined ? `Bearer ${secret}` : opts.auth
  if (auth) headers.authorization = auth
  const res = await fetch(url, { method: 'POST', headers, body })
  return { status: res.status, body: await res.json() }
}
const token = async (client: Client) => `Bearer ${(await client.auth.getSession()).data.session!.access_token}`

beforeAll(async () => {
  ;[stack, junit] = await Promise.all([startProjectWithEnv({}), vitestJUnitReport()])
  as = await roleClients(stack)
  const { data, error } = await as.admin.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  secret = data.secret
  run = await gatedRun('dev')
}, 180_000)
afterAll(async () => { await stack?.stop() })

describe('evidence ingest', () => {
  it('stores the JUnit report Vitest wrote for the test node, with the failing case members can read', async () => {
    const reply = await upload('parse-test-results', junit.xml, 'application/xml', 'unit')
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body).toMatchObject({ total: junit.summary.total, passed: junit.summary.passed, failed: junit.summary.failed, skipped: junit.summary.skipped, duplicate: false })

    const { data: reports } = await as.viewer.from('test_reports').select('node_id, total, failed, integration_id, test_cases(name, status, message)').eq('execution_id', run)
    expect(reports).toHaveLength(1)
    expect(reports![0]).toMatchObject({ node_id: 'unit', total: junit.summary.total, failed: 1, integration_id: INTEGRATION })
    const failing = reports![0].test_cases.filter((c: any) => c.status === 'failed')
    expect(failing.map((c: any) => c.name)).toEqual(junit.summary.failing)
    expect(failing[0].message).toMatch(/expected 90 to be 81/)
    // Another organization's admin sees none of it.
    expect((await as.globex.from('test_cases').select('id').eq('execution_id', run)).data).toEqual([])

    // CI retrying the same upload records nothing new.
    const before = await counts(stack, EVIDENCE)
    const again = await upload('parse-test-results', junit.xml, 'application/xml', 'unit')
    expect(again).toMatchObject({ status: 200, body: { id: reply.body.id, duplicate: true } })
    expect(await counts(stack, EVIDENCE)).toEqual(before)
  })

  it('stores a Trivy scan by severity with its CVE ids', async () => {
    const raw = JSON.parse(await trivyReport())
    const reply = await upload('trivy-scan', JSON.stringify(raw), 'application/json', 'scan')
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    const all = raw.Results.flatMap((r: any) => r.Vulnerabilities ?? [])
    expect(reply.body.counts.critical).toBe(all.filter((v: any) => v.Severity === 'CRITICAL').length)
    expect(reply.body.critical_ids).toEqual(['CVE-2024-45492'])
    const { data } = await as.viewer.from('vulnerability_findings').select('vulnerability_id, severity, package_name, fixed_version').eq('execution_id', run).eq('severity', 'high')
    expect(data!.map((f) => f.vulnerability_id).sort()).toEqual(all.filter((v: any) => v.Severity === 'HIGH').map((v: any) => v.VulnerabilityID).sort())
  })

  it('stores npm\'s CycloneDX and SPDX SBOMs with the same package and licence summary', async () => {
    const cdxText = await npmSbom('cyclonedx')
    const cdx = await upload('generate-sbom', cdxText, 'application/vnd.cyclonedx+json', 'build')
    const spdx = await upload('generate-sbom', await npmSbom('spdx'), 'application/spdx+json', 'build')
    expect(cdx.status, JSON.stringify(cdx.body)).toBe(201)
    expect(spdx.status, JSON.stringify(spdx.body)).toBe(201)
    const components = JSON.parse(cdxText).components as any[]
    expect(cdx.body).toMatchObject({ format: 'cyclonedx', package_count: components.length })
    expect(spdx.body).toMatchObject({ format: 'spdx', package_count: components.length })
    const mit = components.filter((c) => c.licenses?.some((l: any) => l.license?.id === 'MIT')).length
    expect(cdx.body.licences.MIT).toBe(mit)
    expect(spdx.body.licences.MIT).toBe(mit)
    const { count } = await as.viewer.from('sbom_packages').select('id', { count: 'exact', head: true }).eq('execution_id', run).eq('ecosystem', 'npm')
    expect(count).toBe(components.length * 2)
  })

  it('links the artifact the build step records to the run and node, and the version the run deploys carries its digest', async () => {
    const digest = `sha256:${'4b825dc642cb6eb9'.repeat(4)}`
    const image = await upload('record-ci-evidence', JSON.stringify({
      kind: 'artifact', title: 'Pushed ghcr.io/acme/payments-api', status: 'passed',
      artifact: { name: 'payments-api:3.0.0', ecosystem: 'docker', digest, registry_url: 'ghcr.io/acme/payments-api', size_bytes: 48_211_532 },
    }), 'application/json', 'build')
    expect(image.status, JSON.stringify(image.body)).toBe(201)
    const npmPackage = await upload('record-ci-evidence', JSON.stringify({
      kind: 'artifact', title: 'Published @acme/payments-sdk', artifact: { name: '@acme/payments-sdk@3.0.0', ecosystem: 'npm', digest: `sha512:${'cd'.repeat(64)}`, registry_url: 'npm.pkg.github.com/@acme' },
    }), 'application/json', 'build')
    expect(npmPackage.status).toBe(201)
    const { data: artifacts } = await as.viewer.from('artifacts').select('id, name, node_id, ecosystem, image_digest, digest').eq('execution_id', run).order('created_at')
    expect(artifacts).toEqual([
      { id: image.body.artifact_id, name: 'payments-api:3.0.0', node_id: 'build', ecosystem: 'container', image_digest: digest, digest },
      { id: npmPackage.body.artifact_id, name: '@acme/payments-sdk@3.0.0', node_id: 'build', ecosystem: 'npm', image_digest: null, digest: `sha512:${'cd'.repeat(64)}` },
    ])

    await approveGate(run)
    expect(await finished(stack, run)).toBe('success')
    const [version] = await sql(stack, `select v.artifact_id from public.deployment_versions v join public.deployments d on d.id = v.deployment_id where d.execution_id = $1`, [run])
    expect(version.artifact_id).toBe(npmPackage.body.artifact_id) // the newest artifact the run built
  })

  it('refuses bad uploads with a 4xx in the error shape and writes nothing', async () => {
    const before = await counts(stack, EVIDENCE)
    // A run of Globex's, which Acme's integration and Acme's people must not reach.
    const [globexRun] = await sql(stack, `insert into public.executions (project_id, name, status)
      select p.id, 'globex build', 'running' from public.projects p where p.organization_id = $1 limit 1 returning id`, [DEMO.globex])
    await sql(stack, `insert into public.execution_nodes (execution_id, node_id, name) values ($1, 'unit', 'unit')`, [globexRun.id])
    expectError(await upload('parse-test-results', '<testsuites><testsuite name="a"><testcase name="x"></testsuites>', 'application/xml', 'unit'), 400, 'invalid_input')
    expectError(await upload('parse-test-results', junit.xml, 'text/plain', 'unit'), 415, 'unsupported_media_type')
    expectError(await upload('parse-test-results', `<testsuites>${' '.repeat(10 * 1024 * 1024)}</testsuites>`, 'application/xml', 'unit'), 413, 'payload_too_large')
    expectError(await upload('trivy-scan', '{"SchemaVersion": 2, "Results": [{"Vulnerabilities": [{"PkgName": "x"}]}]}', 'application/json', 'scan'), 400, 'invalid_input')
    expectError(await upload('trivy-scan', '{"SchemaVersion": 2, "Results": [', 'application/json', 'scan'), 400, 'invalid_input')
    expectError(await upload('generate-sbom', '{"packages": []}', 'application/json', 'build'), 400, 'invalid_input')
    expectError(await upload('record-ci-evidence', '{"kind": "artifact", "title": "x", "artifact": {"name": "img", "ecosystem": "docker", "digest": "sha256:abc"}}', 'application/json', 'build'), 400, 'invalid_input')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { auth: null }), 401, 'unauthorized')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { auth: 'Bearer whsec_not_the_secret' }), 401, 'unauthorized')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'no-such-node'), 404, 'not_found')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { execution: globexRun.id }), 404, 'not_found')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { path: '', auth: await token(as.viewer) }), 403, 'forbidden')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { path: '', auth: await token(as.globex) }), 404, 'not_found')
    expectError(await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { path: '', auth: await token(as.operator), execution: globexRun.id }), 404, 'not_found')
    expect(await counts(stack, EVIDENCE)).toEqual(before)
    // Nobody writes evidence through the API, not even an admin.
    const { error } = await as.admin.from('test_reports').insert({ execution_id: run, node_id: 'unit', total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, content_sha256: 'x' })
    expect(error?.code).toBe('42501')
  })

  it('accepts an upload from a signed-in operator', async () => {
    const xml = junit.xml.replace('vitest tests', 'vitest tests (local run)')
    const reply = await upload('parse-test-results', xml, 'text/xml', 'unit', { path: '', auth: await token(as.operator) })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    const [row] = await sql(stack, 'select recorded_by, integration_id from public.test_reports where id = $1', [reply.body.id])
    expect(row).toEqual({ recorded_by: DEMO.users.operator, integration_id: null })
  })
})

describe('evidence gates', () => {
  it('the security gate refuses promoting a version with a critical finding until a second person approves an exception', async () => {
    const { error: gateError } = await as.admin.from('evidence_gates').insert({ project_id: DEMO.project, environment_id: DEMO.env.uat, kind: 'security', max_critical: 0 })
    expect(gateError).toBeNull()
    const { error: viewerGate } = await as.operator.from('evidence_gates').insert({ project_id: DEMO.project, environment_id: DEMO.env.staging, kind: 'security' })
    expect(viewerGate?.code).toBe('42501') // only admins configure gates

    const refused = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.uat })
    expectError(refused, 409, 'gate_blocked')
    expect(refused.body.error.message).toContain('uat\'s security gate allows 0 critical')
    expect(refused.body.error.message).toContain('CVE-2024-45492')
    expect(refused.body.error.details.evidence_execution_id).toBe(run)
    expect((await sql(stack, 'select count(*)::int as n from public.executions where promotion_of_version_id is not null and environment_id = $1', [DEMO.env.uat]))[0].n).toBe(0)

    const { data: exception, error } = await as.operator.from('evidence_gate_exceptions')
      .insert({ environment_id: DEMO.env.uat, kind: 'security', execution_id: run, version_tag: '3.0.0', reason: 'libexpat is not reachable from the payments API; patched image next sprint' })
      .select().single()
    expect(error).toBeNull()
    expect(exception.status).toBe('pending')
    expectError(await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.uat }), 409, 'gate_blocked') // pending is not approved
    const own = await as.operator.rpc('decide_gate_exception', { _exception_id: exception.id, _approve: true })
    expect(own.error?.code).toBe('42501')
    const { error: viewerInsert } = await as.viewer.from('evidence_gate_exceptions').insert({ environment_id: DEMO.env.uat, kind: 'security', execution_id: run, reason: 'viewers cannot ask' })
    expect(viewerInsert?.code).toBe('42501')
    const decided = await as.admin.rpc('decide_gate_exception', { _exception_id: exception.id, _approve: true, _comment: 'Accepted until the patched image' })
    expect(decided.error).toBeNull()
    expect(decided.data).toMatchObject({ status: 'approved', decided_by: DEMO.users.admin })
    const audit = await sql(stack, `select action, user_id from public.audit_logs where resource_type = 'evidence_gate_exceptions' and resource_id = $1 order by id`, [exception.id])
    expect(audit).toEqual([{ action: 'insert', user_id: DEMO.users.operator }, { action: 'update', user_id: DEMO.users.admin }])

    const verdict = await as.viewer.rpc('evidence_gate_verdict', { _environment_id: DEMO.env.uat, _execution_id: run })
    expect(verdict.data.gates[0]).toMatchObject({ kind: 'security', blocked: false, exception_status: 'approved' })
    const promoted = await invoke(as.operator, 'promote-version', { to_environment_id: DEMO.env.uat })
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(201)
    await waitFor(async () => (await sql(stack, `select 1 from public.approval_requests where execution_id = $1 and status = 'pending'`, [promoted.body.execution_id]))[0], 30_000, 'the promotion gate')
    await approveGate(promoted.body.execution_id)
    expect(await finished(stack, promoted.body.execution_id)).toBe('success')
    const [shipped] = await sql(stack, `select a.digest from public.deployment_versions v join public.artifacts a on a.id = v.artifact_id where v.environment_id = $1 and v.is_current`, [DEMO.env.uat])
    expect(shipped.digest).toBe(`sha512:${'cd'.repeat(64)}`) // the promotion carries the artifact the build recorded
  })

  it('the test gate fails a deploy whose run reported a failing test, in SQL, with the failing case named', async () => {
    const { error } = await as.admin.from('evidence_gates').insert({ project_id: DEMO.project, environment_id: DEMO.env.dev, kind: 'tests', max_failed_tests: 0 })
    expect(error).toBeNull()
    const second = await gatedRun('dev')
    expect((await upload('parse-test-results', junit.xml, 'application/xml', 'unit', { execution: second })).status).toBe(201)
    await approveGate(second)
    expect(await finished(stack, second)).toBe('failed')
    const [deploy] = await sql(stack, `select n.status, concat_ws(' ', n.output::text,
        (select string_agg(e.reason, ' ') from public.execution_state_events e where e.execution_id = n.execution_id and e.node_id = n.node_id),
        (select string_agg(l.message, ' ') from public.execution_logs l where l.execution_id = n.execution_id and l.node_id = n.node_id)) as said
      from public.execution_nodes n where n.execution_id = $1 and n.node_id = 'deploy'`, [second])
    expect(deploy.status).toBe('failed')
    expect(deploy.said).toContain('dev\'s test gate allows 0 failed tests; the run\'s reports have 1 (checkout.spec.ts › checkout > applies a 10% discount code)')
    expect((await sql(stack, 'select count(*)::int as n from public.deployments where execution_id = $1', [second]))[0].n).toBe(0)
  })

  it('the test gate refuses coverage that dropped more than allowed against what the environment runs, and below a floor', async () => {
    const gate = await as.admin.from('evidence_gates').update({ max_coverage_drop: 1 }).eq('environment_id', DEMO.env.dev).eq('kind', 'tests')
    expect(gate.error).toBeNull()
    const coverage = (execution: string, percent: number) => upload('record-ci-evidence',
      JSON.stringify({ kind: 'coverage', title: `Lines ${percent}%`, data: { percent } }), 'application/json', 'unit', { execution })
    const first = await gatedRun('dev')
    expect((await coverage(first, 82)).status).toBe(201)
    await approveGate(first)
    expect(await finished(stack, first)).toBe('success')
    const [{ version_tag: tag }] = await sql(stack, 'select version_tag from public.deployment_versions where environment_id = $1 and is_current', [DEMO.env.dev])

    const second = await gatedRun('dev')
    expect((await coverage(second, 79.5)).status).toBe(201)
    const verdict = await as.viewer.rpc('evidence_gate_verdict', { _environment_id: DEMO.env.dev, _execution_id: second })
    expect(verdict.data.gates).toMatchObject([{ kind: 'tests', blocked: true,
      message: `dev's test gate lets coverage drop by at most 1 point; the run's is 79.5% against 82% for ${tag} (running in dev)` }])
    await approveGate(second)
    expect(await finished(stack, second)).toBe('failed')

    await as.admin.from('evidence_gates').update({ max_coverage_drop: null, min_coverage: 90 }).eq('environment_id', DEMO.env.dev).eq('kind', 'tests')
    const floor = await as.viewer.rpc('evidence_gate_verdict', { _environment_id: DEMO.env.dev, _execution_id: first })
    expect(floor.data.gates[0]).toMatchObject({ blocked: true, message: 'dev\'s test gate needs at least 90% coverage; the run\'s is 82%' })
  })
})
