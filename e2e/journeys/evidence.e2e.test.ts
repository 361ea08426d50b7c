import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { simulated, storedPipeline } from '../../test/engine/helpers.ts'
import { trivyReport, vitestJUnitReport, type JUnitRun } from '../../test/functions/evidence-files.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, nav, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 15, CI evidence: a run's test step uploads (as CI's curl would, with the integration's webhook secret)
// the JUnit report Vitest wrote with one failing test, and the operator's run page, never reloaded, shows the
// failing case; the scan step's Trivy report shows its critical CVE. uat's security gate then refuses to promote
// the version in the Promote dialog, until the operator asks for an exception on the run page and an admin, in
// another browser, approves it: the same promotion then starts.
const here = path.dirname(fileURLToPath(import.meta.url))
const INTEGRATION = '60000000-0000-4000-a000-000000000001'
const LONG = { timeout: 30_000 }
const STEP = 90_000
const DIGEST = `sha256:${'5e0c2b8a9d7f4e31'.repeat(4)}`

let stack: TestStack
let app: RunningApp
let operatorBrowser: Browser
let adminBrowser: Browser
let operator: Page
let admin: Page
let operatorDb: Client
let adminDb: Client
let secret: string
let junit: JUnitRun
let runId = ''

async function upload(fn: string, body: string, type: string, node: string): Promise<number> {
  const res = await fetch(`${stack.apiUrl}/functions/v1/${fn}/${INTEGRATION}?execution_id=${runId}&node_id=${node}`, {
    method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': type }, body,
  })
  return res.status
}

beforeAll(async () => {
  ;[stack, junit] = await Promise.all([startTestStack(path.resolve(here, '../../supabase')), vitestJUnitReport()])
  app = await startTestApp(stack)
  ;[operatorBrowser, adminBrowser] = await Promise.all([openBrowser(), openBrowser()])
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  adminDb = await signIn(stack, 'admin@opzenix.dev')
  const { data, error } = await adminDb.functions.invoke(`github-api/integrations/${INTEGRATION}/webhook-secret`, { method: 'POST' })
  if (error) throw error
  secret = data.secret
})

afterAll(async () => {
  await operatorBrowser?.close()
  await adminBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('CI evidence and the security gate in Chromium', () => {
  skipAfterFirstFailure()

  it('an admin sets uat\'s security gate on its environment page: no critical finding gets through', async () => {
    admin = await signInPage(adminBrowser, app.url, 'admin@opzenix.dev')
    await admin.goto(`${app.url}/environments/uat`)
    const section = admin.getByTestId('evidence-gates-settings')
    await expect.poll(() => section.getByTestId('evidence-gates-summary').textContent(), LONG).toContain('No gate')
    await section.getByRole('button', { name: 'Edit gates' }).click()
    await section.getByLabel('Security gate').check()
    await section.getByLabel('Most critical findings').fill('-1')
    await section.getByRole('button', { name: 'Save gates' }).click()
    expect(await section.getByText('0 or more').count()).toBe(1) // refused before anything is sent
    await section.getByLabel('Most critical findings').fill('0')
    await section.getByRole('button', { name: 'Save gates' }).click()
    await expect.poll(() => section.getByTestId('evidence-gates-summary').textContent(), LONG)
      .toBe('Security: Refuses a deploy or promotion whose run\'s scans found more than 0 critical findings.')
    const { data: gates } = await adminDb.from('evidence_gates').select('kind, max_critical, max_high').eq('environment_id', DEMO.env.uat)
    expect(gates).toEqual([{ kind: 'security', max_critical: 0, max_high: null }])
  }, STEP)

  it('the test step\'s JUnit report arrives and the run page shows the failing case, live', async () => {
    const graph = storedPipeline([
      ['source', 'source', { repository: 'acme/payments-api' }],
      ['build', 'build', simulated(0)],
      ['unit', 'test', simulated(0)],
      ['scan', 'security_scan', simulated(0)],
      ['gate', 'approval', { environment: 'dev', required_approvals: 1 }],
      ['deploy', 'deploy', { environment: 'dev' }],
    ])
    const saved = await operatorDb.from('flow_templates').insert({ project_id: DEMO.project, name: 'Evidence journey', nodes: graph.nodes, edges: graph.edges }).select('id').single()
    if (saved.error) throw saved.error
    const started = await operatorDb.functions.invoke('pipeline-execute', { body: { flow_template_id: saved.data.id, version: '4.2.0' } })
    if (started.error) throw started.error
    runId = started.data.execution_id

    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await operator.goto(`${app.url}/executions/${runId}`)
    await expect.poll(() => operator.getByTestId('node-gate').getAttribute('data-status'), LONG).toBe('waiting')
    await operator.getByTestId('evidence-empty').waitFor(LONG)
    await markPage(operator)

    expect(await upload('parse-test-results', junit.xml, 'application/xml', 'unit')).toBe(201)
    const unit = operator.getByTestId('evidence-node-unit')
    await unit.getByTestId('evidence-failing-case').waitFor(LONG)
    expect(await unit.getByTestId('evidence-tests-failed').textContent()).toBe('1 failed')
    expect(await unit.textContent()).toContain(`${junit.summary.passed} passed`)
    const failing = unit.getByTestId('evidence-failing-case')
    expect(await failing.count()).toBe(1)
    expect(await failing.textContent()).toContain(junit.summary.failing[0])
    expect(await failing.textContent()).toContain('expected 90 to be 81')
    expect(await stillSamePage(operator)).toBe(true)
  }, STEP)

  it('the scan\'s Trivy report shows its critical CVE, and uat\'s security gate says it blocks promotion', async () => {
    expect(await upload('trivy-scan', await trivyReport(), 'application/json', 'scan')).toBe(201)
    const scan = operator.getByTestId('evidence-node-scan')
    await scan.getByTestId('evidence-finding').first().waitFor(LONG)
    expect(await scan.getByTestId('evidence-severity-critical').textContent()).toBe('1 critical')
    expect(await scan.getByTestId('evidence-finding').first().textContent()).toContain('CVE-2024-45492')
    const gate = operator.getByTestId('gate-uat-security')
    await expect.poll(() => gate.getAttribute('data-blocked'), LONG).toBe('true')
    expect(await gate.getByTestId('gate-message').textContent()).toContain('CVE-2024-45492')
    await operator.screenshot({ path: path.join(here, '../artifacts/evidence-run-page.png'), fullPage: true })

    // The build step records the image it pushed; the node shows it with its digest.
    expect(await upload('record-ci-evidence', JSON.stringify({ kind: 'artifact', title: 'Pushed payments-api', status: 'passed',
      artifact: { name: 'payments-api:4.2.0', ecosystem: 'docker', digest: DIGEST, registry_url: 'ghcr.io/acme/payments-api' } }), 'application/json', 'build')).toBe(201)
    const artifact = operator.getByTestId('evidence-node-build').getByTestId('evidence-artifact')
    await artifact.waitFor(LONG)
    expect(await artifact.textContent()).toContain(DIGEST.slice(0, 19))
    expect(await artifact.textContent()).toContain('image')

    // The dev deploy has no gate: an admin approves the run's approval step and 4.2.0 runs in dev.
    const { data: request } = await operatorDb.from('approval_requests').select('id').eq('execution_id', runId).eq('status', 'pending').single()
    const vote = await adminDb.from('approval_votes').insert({ approval_request_id: request!.id, vote: 'approve' })
    expect(vote.error).toBeNull()
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('success')
  }, STEP)

  it('the Promote dialog refuses 4.2.0 for uat with the gate\'s sentence', async () => {
    await nav(operator, 'Environments')
    await operator.getByRole('button', { name: 'Promote to uat' }).click()
    const dialog = operator.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Promote 4.2.0 to uat' }).click()
    const refusal = dialog.getByRole('alert')
    await refusal.waitFor(LONG)
    expect(await refusal.textContent()).toContain('uat\'s security gate allows 0 critical')
    expect(await refusal.textContent()).toContain('CVE-2024-45492')
    const { count } = await operatorDb.from('executions').select('id', { count: 'exact', head: true }).eq('environment_id', DEMO.env.uat).not('promotion_of_version_id', 'is', null)
    expect(count).toBe(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  }, STEP)

  it('the operator asks for an exception, an admin approves it in another browser, and the promotion starts', async () => {
    await operator.goto(`${app.url}/executions/${runId}`)
    const gate = operator.getByTestId('gate-uat-security')
    await gate.getByRole('button', { name: 'Ask for an exception' }).click()
    const ask = operator.getByRole('dialog')
    await ask.getByLabel('Reason').fill('libexpat is not reachable from the payments API; the patched base image ships next sprint')
    await ask.getByRole('button', { name: 'Ask for the exception' }).click()
    await gate.getByTestId('gate-exception').waitFor(LONG)
    expect(await gate.getByTestId('gate-exception').textContent()).toContain('waiting for another admin')
    expect(await gate.getByRole('button', { name: 'Approve exception' }).count()).toBe(0) // an operator, and the asker
    await markPage(operator)

    await admin.goto(`${app.url}/executions/${runId}`)
    const adminGate = admin.getByTestId('gate-uat-security')
    await adminGate.getByRole('button', { name: 'Approve exception' }).click()
    await expect.poll(() => adminGate.getAttribute('data-blocked'), LONG).toBe('false')

    // The operator's page, not reloaded, follows the decision.
    await expect.poll(() => gate.getAttribute('data-blocked'), LONG).toBe('false')
    expect(await gate.textContent()).toContain('Let through by an exception')
    expect(await gate.getByTestId('gate-exception').textContent()).toContain('approved by Ada Admin')
    expect(await stillSamePage(operator)).toBe(true)
    const { data: audit } = await adminDb.from('audit_logs').select('action, user_id').eq('resource_type', 'evidence_gate_exceptions').order('id')
    expect(audit).toEqual([{ action: 'insert', user_id: DEMO.users.operator }, { action: 'update', user_id: DEMO.users.admin }])

    await nav(operator, 'Environments')
    await operator.getByRole('button', { name: 'Promote to uat' }).click()
    await operator.getByRole('dialog').getByRole('button', { name: 'Promote 4.2.0 to uat' }).click()
    await operator.waitForURL(/\/executions\/[0-9a-f-]{36}$/, LONG)
    expect(operator.url()).not.toContain(runId)
    await expect.poll(() => operator.getByTestId('node-approve').getAttribute('data-status'), LONG).toBe('waiting')
    await operator.screenshot({ path: path.join(here, '../artifacts/evidence-promotion-after-exception.png'), fullPage: true })
  }, STEP)

  it('the artifacts page lists the image the build step recorded, the run that built it and where it runs', async () => {
    await operator.goto(`${app.url}/executions/${runId}`)
    await operator.getByTestId('evidence-panel').getByRole('link', { name: 'All artifacts' }).click()
    await operator.waitForURL(/\/artifacts$/, LONG)
    const row = operator.getByTestId('artifact-row').filter({ hasText: 'payments-api:4.2.0' })
    await row.waitFor(LONG)
    const text = await row.textContent()
    expect(text).toContain('image')
    expect(text).toContain('ghcr.io/acme/payments-api')
    expect(text).toContain('Evidence journey · build')
    expect(text).toContain('dev 4.2.0') // the dev deploy's version carries the artifact its run built
    await operator.getByLabel('Ecosystem').selectOption('npm')
    await expect.poll(() => operator.getByTestId('artifact-row').filter({ hasText: 'payments-api:4.2.0' }).count(), LONG).toBe(0)
    await operator.screenshot({ path: path.join(here, '../artifacts/evidence-artifacts-page.png'), fullPage: true })
  }, STEP)
})
