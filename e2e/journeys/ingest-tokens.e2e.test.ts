import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn } from '../../test/data-model/demo.ts'
import { startRecordingServer, type RecordingServer } from '../../test/helpers/recording-server.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { simulated, storedPipeline } from '../../test/engine/helpers.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { signInPage } from '../lib/session.ts'

// Issue 15's screens for what had none: OTLP ingest tokens. The admin issues a token for payments-api on the
// seeded OTLP collector's panel (shown once), an exporter's request with it is accepted and the list then says
// when it was last used; after Revoke the same request is refused (401). A viewer sees the list, no controls.
// Then the span export screen: with export on, a run's CI/CD spans go to a collector (a recording server) and
// the panel shows the queue delivered and the batch.
const here = path.dirname(fileURLToPath(import.meta.url))
const CONNECTION = '50000000-0000-4000-a000-000000000005' // Acme's "OTLP collector"
const LONG = { timeout: 30_000 }
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let browser: Browser
let viewerBrowser: Browser
let page: Page
let token = ''
let collector: RecordingServer
let exportBefore: string | undefined

const exportSpan = () => fetch(`${stack.apiUrl}/functions/v1/otel-adapter/v1/traces`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
    scopeSpans: [{ scope: { name: 'journey' }, spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'GET /cart', kind: 2,
      startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n), endTimeUnixNano: String(BigInt(Date.now() + 12) * 1_000_000n) }] }] }] }),
})

beforeAll(async () => {
  collector = await startRecordingServer([{ method: 'POST', path: '/v1/traces', reply: { json: {} } }])
  exportBefore = process.env.OPZENIX_EXPORT_MS
  process.env.OPZENIX_EXPORT_MS = '500'
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[browser, viewerBrowser] = await Promise.all([openBrowser(), openBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await viewerBrowser?.close()
  await app?.stop()
  await stack?.stop()
  await collector?.stop()
  if (exportBefore === undefined) delete process.env.OPZENIX_EXPORT_MS
  else process.env.OPZENIX_EXPORT_MS = exportBefore
})

describe('OTLP ingest tokens in Chromium', () => {
  skipAfterFirstFailure()

  it('the admin issues a token for payments-api, shown once, and an exporter\'s request with it is accepted', async () => {
    page = await signInPage(browser, app.url, 'admin@opzenix.dev')
    await page.goto(`${app.url}/connections?id=${CONNECTION}`)
    const section = page.getByRole('dialog', { name: 'OTLP collector' }).getByTestId('ingest-tokens')
    await section.getByRole('button', { name: 'Issue token' }).click()
    await section.getByTestId('issued-token-value').waitFor(LONG)
    token = (await section.getByTestId('issued-token-value').textContent()) ?? ''
    expect(token).toMatch(/^ozx_otlp_[0-9a-f]{64}$/)
    const row = section.getByTestId('ingest-token').filter({ hasText: token.slice(-4) })
    await row.waitFor(LONG)
    expect(await row.textContent()).toContain('payments-api')
    expect(await row.textContent()).toContain('active')
    expect(await row.getByTestId('ingest-token-used').textContent()).toBe('never used')
    expect((await exportSpan()).status).toBe(200)
    const { data } = await (await signIn(stack, 'viewer@opzenix.dev')).from('telemetry_signals').select('name').eq('project_id', DEMO.project).eq('name', 'GET /cart')
    expect(data).toEqual([{ name: 'GET /cart' }])
    await page.reload()
    await expect.poll(() => section.getByTestId('ingest-token').filter({ hasText: token.slice(-4) }).getByTestId('ingest-token-used').textContent(), LONG).toMatch(/^last used/)
  }, STEP)

  it('a viewer sees the token without controls; after the admin revokes it the exporter is refused', async () => {
    const viewer = await signInPage(viewerBrowser, app.url, 'viewer@opzenix.dev')
    await viewer.goto(`${app.url}/connections?id=${CONNECTION}`)
    const seen = viewer.getByRole('dialog', { name: 'OTLP collector' }).getByTestId('ingest-tokens')
    await seen.getByTestId('ingest-token').filter({ hasText: token.slice(-4) }).waitFor(LONG)
    expect(await seen.getByRole('button').count()).toBe(0)

    const section = page.getByRole('dialog', { name: 'OTLP collector' }).getByTestId('ingest-tokens')
    await section.getByTestId('ingest-token').filter({ hasText: token.slice(-4) }).getByRole('button', { name: 'Revoke' }).click()
    await page.getByRole('dialog', { name: `Revoke the token …${token.slice(-4)}?` }).getByRole('button', { name: 'Revoke token' }).click()
    await expect.poll(() => section.getByTestId('ingest-token').filter({ hasText: token.slice(-4) }).textContent(), LONG).toContain('revoked')
    expect((await exportSpan()).status).toBe(401)
    await page.screenshot({ path: path.join(here, '../artifacts/ingest-tokens.png'), fullPage: true })
  }, STEP)

  it('with export on, a run\'s spans reach the collector and the panel shows them delivered, batch by batch', async () => {
    const admin = await signIn(stack, 'admin@opzenix.dev')
    const { error } = await admin.from('connections').update({ config: { endpoint: collector.url, export: true } }).eq('id', CONNECTION)
    expect(error).toBeNull()
    const operator = await signIn(stack, 'operator@opzenix.dev')
    const graph = storedPipeline([['source', 'source', { repository: 'acme/payments-api' }], ['build', 'build', simulated(0)], ['deploy', 'deploy', { environment: 'dev' }]])
    const saved = await operator.from('flow_templates').insert({ project_id: DEMO.project, name: 'Export journey', nodes: graph.nodes, edges: graph.edges }).select('id').single()
    expect(saved.error).toBeNull()
    expect((await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: saved.data!.id } })).error).toBeNull()
    await expect.poll(() => collector.received('/v1/traces', 'POST').length, LONG).toBeGreaterThan(0)
    await page.reload()
    const section = page.getByRole('dialog', { name: 'OTLP collector' }).getByTestId('export-status')
    await expect.poll(() => section.getByTestId('export-queue').textContent(), LONG).toMatch(/^0 queued[1-9]\d* delivered0 dropped$/)
    const batch = section.getByTestId('export-batch').first()
    expect(await batch.textContent()).toMatch(/^delivered\d+ spans?HTTP 200/)
    await page.screenshot({ path: path.join(here, '../artifacts/ingest-tokens-export.png'), fullPage: true })
  }, STEP)
})
