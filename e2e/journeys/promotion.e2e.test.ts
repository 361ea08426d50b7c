import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, type Client } from '../../test/data-model/demo.ts'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, nav, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 10: the operator promotes what runs in staging to preprod from the board. The dialog says what ships and
// which gates it meets; the run waits for preprod's two approvals, two admins give them, and the version that
// ran in staging (same tag and commit) runs in preprod. A viewer's "What runs where" page, never reloaded,
// shows preprod's new version as promoted; the board then offers it to prod.
const here = path.dirname(fileURLToPath(import.meta.url))
const LONG = { timeout: 30_000 }
const STEP = 90_000

let stack: TestStack
let app: RunningApp
let operatorBrowser: Browser
let viewerBrowser: Browser
let operator: Page
let viewer: Page
let operatorDb: Client
let staging: { version_tag: string; commit_sha: string | null }
let preprodBefore: string
let runId = ''

const current = async (env: string) => {
  const { data, error } = await operatorDb.from('deployment_versions').select('version_tag, commit_sha')
    .eq('environment_id', env).eq('is_current', true).single()
  if (error) throw error
  return data
}

beforeAll(async () => {
  stack = await startTestStack(path.resolve(here, '../../supabase'))
  app = await startTestApp(stack)
  ;[operatorBrowser, viewerBrowser] = await Promise.all([openBrowser(), openBrowser()])
  operatorDb = await signIn(stack, 'operator@opzenix.dev')
  // The seed locks preprod for a load test; its admin lifts the lock first (the lock journey covers queueing).
  const admin = await signIn(stack, 'admin@opzenix.dev')
  const { error } = await admin.from('environment_locks').update({ is_locked: false, lock_reason: 'Load test finished' })
    .eq('environment_id', DEMO.env.preprod)
  if (error) throw error
  staging = await current(DEMO.env.staging)
  preprodBefore = (await current(DEMO.env.preprod)).version_tag
})

afterAll(async () => {
  await operatorBrowser?.close()
  await viewerBrowser?.close()
  await app?.stop()
  await stack?.stop()
})

describe('promotion along the chain in Chromium', () => {
  skipAfterFirstFailure()

  it('a viewer\'s matrix shows what runs where, and their board offers no promotion', async () => {
    viewer = await signInPage(viewerBrowser, app.url, 'viewer@opzenix.dev')
    await nav(viewer, 'Environments')
    await viewer.getByTestId('env-preprod-waiting').waitFor(LONG)
    expect(await viewer.getByRole('button', { name: 'Promote to preprod' }).count()).toBe(0)
    await nav(viewer, 'What runs where')
    const cell = viewer.getByTestId('matrix-payments-api-preprod')
    await expect.poll(() => cell.getByTestId('matrix-version').textContent(), LONG).toBe(preprodBefore)
    expect(await viewer.getByTestId('matrix-payments-api-staging').getByTestId('matrix-version').textContent()).toBe(staging.version_tag)
    await markPage(viewer)
  }, STEP)

  it('the operator sees staging\'s version waiting for preprod and promotes it; the dialog says what ships and the gates', async () => {
    operator = await signInPage(operatorBrowser, app.url, 'operator@opzenix.dev')
    await nav(operator, 'Environments')
    await expect.poll(() => operator.getByTestId('env-preprod-waiting').textContent(), LONG).toBe(`${staging.version_tag} is ready in staging`)
    await operator.getByRole('button', { name: 'Promote to preprod' }).click()
    const dialog = operator.getByRole('dialog')
    const summary = dialog.getByTestId('promotion-summary')
    await summary.waitFor(LONG)
    expect(await summary.textContent()).toContain(`Ships${staging.version_tag}`)
    expect(await summary.textContent()).toContain(`Replaces${preprodBefore}`)
    expect(await summary.textContent()).toContain('2 approvals')
    await dialog.getByLabel('Note (optional)').fill('release train 48')
    await dialog.getByRole('button', { name: `Promote ${staging.version_tag} to preprod` }).click()
    await operator.waitForURL(/\/executions\/[0-9a-f-]{36}$/, LONG)
    runId = operator.url().split('/').pop()!
    await expect.poll(() => operator.getByTestId('node-approve').getAttribute('data-status'), LONG).toBe('waiting')
    await markPage(operator)
  }, STEP)

  it('two admins approve; the run deploys the same version and commit to preprod, and the operator\'s page follows', async () => {
    let requestId = ''
    await expect.poll(async () => {
      const { data } = await operatorDb.from('approval_requests').select('id').eq('execution_id', runId).eq('status', 'pending')
      requestId = data?.[0]?.id ?? ''
      return requestId
    }, LONG).not.toBe('')
    for (const email of ['admin@opzenix.dev', 'lead@opzenix.dev']) {
      const { error } = await (await signIn(stack, email)).from('approval_votes').insert({ approval_request_id: requestId, vote: 'approve' })
      expect(error).toBeNull()
    }
    await expect.poll(() => operator.getByTestId('node-deploy').getAttribute('data-status'), LONG).toBe('success')
    expect(await current(DEMO.env.preprod)).toEqual(staging)
    expect(await stillSamePage(operator)).toBe(true)
  }, STEP)

  it('the viewer\'s matrix, never reloaded, shows preprod\'s new version as promoted; the board offers it to prod', async () => {
    const cell = viewer.getByTestId('matrix-payments-api-preprod')
    await expect.poll(() => cell.getByTestId('matrix-version').textContent(), LONG).toBe(staging.version_tag)
    expect(await cell.textContent()).toContain('promoted')
    expect(await stillSamePage(viewer)).toBe(true)
    // A project created meanwhile (with its first environment) gets its own row, live.
    const { data: project, error } = await stack.service().from('projects')
      .insert({ organization_id: DEMO.acme, name: 'ledger-service', created_by: DEMO.users.admin }).select('id').single()
    expect(error).toBeNull()
    await stack.service().from('environments').insert({ project_id: project!.id, key: 'dev', display_name: 'Development', tier: 'development', position: 0 })
    await viewer.getByTestId('matrix-ledger-service-dev').waitFor(LONG)
    expect(await viewer.getByTestId('matrix-ledger-service-dev').textContent()).toBe('nothing deployed')

    await nav(operator, 'Environments')
    await expect.poll(() => operator.getByTestId('env-preprod-behind').textContent(), LONG).toBe('Up to date with staging')
    await expect.poll(() => operator.getByTestId('env-prod-waiting').textContent(), LONG).toBe(`${staging.version_tag} is ready in preprod`)
    await operator.getByTestId('env-preprod').getByRole('link', { name: 'Pre-production' }).click()
    await operator.getByTestId('promoted-badge').first().waitFor(LONG)
    expect(await operator.getByTestId('promoted-badge').first().textContent()).toBe('Promoted from staging')
  }, STEP)
})
