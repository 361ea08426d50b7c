import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningApp } from '../../stack/app.ts'
import { DEMO, signIn, sql, type Client } from '../../test/data-model/demo.ts'
import { call, savePipeline, simulated, storedPipeline } from '../../test/engine/helpers.ts'
import { startProjectWithEnv, type ProjectStack } from '../../test/github/project.ts'
import { startRecordingServer, type RecordingServer } from '../../test/helpers/recording-server.ts'
import { startTestApp } from '../lib/app.ts'
import type { Browser } from '../lib/browser.ts'
import { approveLinkIn, LINK_SECRET } from '../lib/approval-mail.ts'
import { openBrowser } from '../lib/journey-browser.ts'
import { waitForStatus } from '../lib/run-page.ts'
import { skipAfterFirstFailure } from '../lib/sequence.ts'
import { markPage, signInPage, stillSamePage } from '../lib/session.ts'

// Issue 11, approval policies in Chromium. The admin writes a two-level policy for uat in the editor (level 1:
// a named person, Ada Admin, picked from the keyboard; level 2: one admin), edits it again (the named person
// survives, the diff shows the one change); the operator starts a run to uat and watches its page, never
// reloaded, while Ada approves level 1 and Lena Lead (told before that her level is not open yet) level 2, each
// in their own browser; the run then deploys. Then a signed link from an approver's email, captured by a local
// server playing the mail API, approves a staging gate in a browser that is not signed in; the same link again,
// and a tampered one, are refused with a clear page.
const here = path.dirname(fileURLToPath(import.meta.url))
const ARTIFACTS = path.resolve(here, '../artifacts')
const LONG = { timeout: 45_000 }
const STEP = 120_000

let mail: RecordingServer
let stack: ProjectStack
let app: RunningApp
const browsers: Browser[] = []
let operator: Client

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })
const text = (locator: Locator) => locator.textContent({ timeout: 5_000 }).catch(() => null)
const requestOf = async (executionId: string) => (await sql(stack, 'select id, status from public.approval_requests where execution_id = $1', [executionId]))[0] as { id: string; status: string } | undefined
const runStatus = async (executionId: string) => (await sql(stack, 'select status from public.executions where id = $1', [executionId]))[0]?.status

/** Starts, as the operator through pipeline-execute, source → build → gate → deploy on `env`; returns the run id. */
async function startRun(env: string, name: string): Promise<string> {
  const graph = storedPipeline([
    ['src', 'source', { repository: 'acme/payments-api' }],
    ['build', 'build', simulated(300)],
    ['gate', 'approval', { environment: env }],
    ['deploy', 'deploy', { environment: env }],
  ])
  const started = await call(stack, 'pipeline-execute', { flow_template_id: await savePipeline(operator, graph), name }, operator)
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  return started.body.execution_id
}

async function newBrowser(): Promise<Browser> {
  const browser = await openBrowser()
  browsers.push(browser)
  return browser
}

beforeAll(async () => {
  process.env.OPZENIX_TICK_MS = '300'
  process.env.OPZENIX_NOTIFY_MS = '300'
  mail = await startRecordingServer([{ method: 'POST', path: '/emails', reply: { status: 200, json: { id: 'email' } } }])
  stack = await startProjectWithEnv({
    MAIL_API_URL: mail.url, MAIL_API_KEY: 're_e2e_key', MAIL_FROM: 'Opzenix <ops@example.test>', OPZENIX_LINK_SECRET: LINK_SECRET,
  })
  // An organization admin's email channel: approvers get their approve / reject links by mail.
  const { error } = await stack.service().from('notification_channels').insert({ organization_id: DEMO.acme, name: 'Email', kind: 'email' })
  if (error) throw new Error(error.message)
  app = await startTestApp(stack)
  operator = await signIn(stack, 'operator@opzenix.dev')
  await mkdir(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  for (const browser of browsers) await browser.close()
  await app?.stop()
  await stack?.stop()
  await mail?.stop()
})

describe('a two-level approval in three browsers', () => {
  skipAfterFirstFailure()
  let admin: Page
  let lead: Page
  let watcher: Page
  let executionId = ''
  let requestId = ''

  it('the admin writes a two-level policy for uat in the editor, a named person picked from the keyboard', async () => {
    admin = await signInPage(await newBrowser(), app.url, 'admin@opzenix.dev')
    await admin.goto(`${app.url}/environments/uat`)
    const section = admin.getByTestId('approval-policy')
    await section.getByRole('button', { name: 'Edit policy' }).click(LONG)
    const form = admin.getByRole('form', { name: 'Edit approval policy' })
    const first = form.getByRole('group', { name: 'Rule 1', exact: true })
    await first.getByLabel('From', { exact: true }).selectOption('people')
    const search = first.getByLabel('Find people: People who count for rule 1')
    await search.fill('ada')
    await search.press('Enter')
    expect(await first.getByRole('list', { name: 'Chosen people' }).textContent()).toBe('Ada Admin')
    await first.getByLabel('Name', { exact: true }).fill('Release owner')
    await form.getByRole('button', { name: 'Add rule' }).click()
    const second = form.getByRole('group', { name: 'Rule 2', exact: true })
    await second.getByLabel('Level', { exact: true }).fill('2')
    await second.getByLabel('Name', { exact: true }).fill('Admins')
    await form.getByLabel('Why this change').fill('Release owner first, then any admin')
    await form.getByRole('button', { name: 'Save as new version' }).click()

    await expect.poll(() => text(section.getByTestId('approval-policy-rules')), LONG)
      .toBe('Level 1: Release owner 1 from Ada AdminLevel 2: Admins 1 from admins')
    expect(await section.getByTestId('policy-version-1').textContent()).toMatch(/^v1Release owner first, then any adminAda Admin, /)
    const rules = await sql(stack, `select r.level, r.name, r.role, r.user_ids from public.approval_policy_rules r
      join public.approval_policy_versions v on v.id = r.policy_version_id where v.environment_id = $1 and v.version = 1 order by r.position`, [DEMO.env.uat])
    expect(rules).toEqual([
      { level: 1, name: 'Release owner', role: null, user_ids: [DEMO.users.admin] },
      { level: 2, name: 'Admins', role: 'admin', user_ids: null },
    ])
  }, STEP)

  it('edits it again: the named person is kept, and the history shows the one change', async () => {
    const section = admin.getByTestId('approval-policy')
    await section.getByRole('button', { name: 'Edit policy' }).click()
    const form = admin.getByRole('form', { name: 'Edit approval policy' })
    expect(await form.getByRole('group', { name: 'Rule 1', exact: true }).getByRole('list', { name: 'Chosen people' }).textContent()).toBe('Ada Admin')
    await form.getByLabel('Expires after (minutes)').fill('120')
    await form.getByLabel('Why this change').fill('Requests lapse after two hours')
    await form.getByRole('button', { name: 'Save as new version' }).click()
    const diff = section.getByRole('list', { name: 'Policy changes from v1 to v2' })
    await expect.poll(() => text(diff), LONG).toBe('~ Requests expire after: never → 120 min')
    expect(await section.getByTestId('policy-version-2').textContent()).toContain('Requests lapse after two hours')
    const [kept] = await sql(stack, `select r.user_ids from public.approval_policy_rules r join public.approval_policy_versions v on v.id = r.policy_version_id
      where v.environment_id = $1 and v.version = 2 and r.level = 1`, [DEMO.env.uat])
    expect(kept.user_ids).toEqual([DEMO.users.admin])
    await shot(admin, 'approval-levels-policy-history.png')
  }, STEP)

  it('the operator\'s run reaches the gate, and its page says level 1 of 2 needs the release owner', async () => {
    executionId = await startRun('uat', `Levels journey ${process.pid}`)
    watcher = await signInPage(await newBrowser(), app.url, 'operator@opzenix.dev')
    await watcher.goto(`${app.url}/executions/${executionId}`)
    await markPage(watcher)
    await waitForStatus(watcher, 'gate', 'waiting')
    await expect.poll(() => text(watcher.getByTestId('approval-notice-gate')), LONG).toContain('Level 1 of 2 — needs Release owner (1 more)')
    await expect.poll(async () => (requestId = (await requestOf(executionId))?.id ?? ''), LONG).not.toBe('')
  }, STEP)

  it('Lena Lead is told her level is not open yet; Ada approves level 1 and the operator sees level 2', async () => {
    lead = await signInPage(await newBrowser(), app.url, 'lead@opzenix.dev')
    await lead.goto(`${app.url}/approvals`)
    const leadCard = lead.getByTestId(`approval-${requestId}`)
    await expect.poll(() => text(leadCard.getByTestId('vote-unavailable')), LONG).toBe('Your group votes at level 2, which opens once level 1 has passed.')

    await admin.goto(`${app.url}/approvals`)
    const card = admin.getByTestId(`approval-${requestId}`)
    await expect.poll(() => text(card.getByTestId('approval-rule').first()), LONG).toBe('L1Release owner0 of 1 — needs Release owner (1 more)from Ada Admin(you count here)')
    await card.getByLabel('Comment').fill('Release owner: go')
    await card.getByRole('button', { name: 'Approve', exact: true }).click()
    await expect.poll(() => text(card.getByTestId('vote-unavailable')), LONG).toBe('You have already voted on this request; each person votes once.')

    await expect.poll(() => text(watcher.getByTestId('approval-notice-gate')), LONG).toContain('Level 2 of 2 — needs Admins (1 more)')
    expect(await stillSamePage(watcher)).toBe(true)
    await shot(watcher, 'approval-levels-operator-level-2.png')
  }, STEP)

  it('Lena, on the same page, now approves level 2; the operator\'s page shows the gate passed and the deploy done', async () => {
    const leadCard = lead.getByTestId(`approval-${requestId}`)
    await leadCard.getByRole('button', { name: 'Approve', exact: true }).waitFor(LONG)
    await leadCard.getByLabel('Comment').fill('Admin: go')
    await leadCard.getByRole('button', { name: 'Approve', exact: true }).click()
    await expect.poll(async () => (await requestOf(executionId))?.status, LONG).toBe('approved')
    await waitForStatus(watcher, 'gate', 'success')
    await waitForStatus(watcher, 'deploy', 'success')
    await expect.poll(() => runStatus(executionId), LONG).toBe('success')
    await expect.poll(() => watcher.getByTestId('approval-notice').count(), LONG).toBe(0)
    expect(await stillSamePage(watcher)).toBe(true)
    const votes = await sql(stack, 'select user_id, level, comment from public.approval_votes where approval_request_id = $1 order by created_at', [requestId])
    expect(votes).toEqual([
      { user_id: DEMO.users.admin, level: 1, comment: 'Release owner: go' },
      { user_id: DEMO.users.lead, level: 2, comment: 'Admin: go' },
    ])
    await shot(watcher, 'approval-levels-operator-deployed.png')
  }, STEP)

  it('the admin removes the policy, even with a half-written rule in the editor; the history keeps every version', async () => {
    await admin.goto(`${app.url}/environments/uat`)
    const section = admin.getByTestId('approval-policy')
    await section.getByRole('button', { name: 'Edit policy' }).click(LONG)
    const form = admin.getByRole('form', { name: 'Edit approval policy' })
    await form.getByRole('button', { name: 'Add rule' }).click()
    await form.getByRole('group', { name: 'Rule 3', exact: true }).getByLabel('From', { exact: true }).selectOption('people')
    await form.getByLabel('Why this change').fill('Back to the environment\'s required approvals')
    await form.getByRole('button', { name: 'Remove policy' }).click()
    await expect.poll(() => text(section.getByTestId('approval-policy-rules')), LONG)
      .toBe('No policy: deploys to uat need the environment\'s required approvals from admins or operators.')
    expect(await section.getByTestId('policy-version-3').textContent()).toContain('removes the policy')
    const [latest] = await sql(stack, `select v.version, v.active, (select count(*)::int from public.approval_policy_rules r where r.policy_version_id = v.id) as rules
      from public.approval_policy_versions v where v.environment_id = $1 order by v.version desc limit 1`, [DEMO.env.uat])
    expect(latest).toEqual({ version: 3, active: false, rules: 0 })
  }, STEP)
})

describe('a signed link from an approver\'s email, opened outside the app', () => {
  skipAfterFirstFailure()
  let outside: Page
  let executionId = ''
  let link = ''

  it('approves the gate in a browser that is not signed in, and the run deploys', async () => {
    // Three browsers are enough for this machine: the first journey's are done.
    for (const browser of browsers.splice(0)) await browser.close()
    executionId = await startRun('staging', `Link journey ${process.pid}`)
    let requestId = ''
    await expect.poll(async () => (requestId = (await requestOf(executionId))?.id ?? ''), LONG).not.toBe('')
    link = await approveLinkIn(mail, 'admin@opzenix.dev', requestId)
    outside = await (await newBrowser()).context.newPage()
    outside.setDefaultTimeout(30_000)
    const confirm = await outside.goto(link)
    expect(confirm?.status()).toBe(200)
    expect(await outside.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Approve .* on Staging\?$/)
    expect(await outside.getByText('You are voting as Ada Admin (admin@opzenix.dev).', { exact: false }).count()).toBe(1)
    await outside.getByRole('button', { name: 'Approve', exact: true }).click()
    await outside.getByRole('heading', { name: 'Approved', exact: true }).waitFor(LONG)
    expect(await outside.getByText('was recorded as Ada Admin').count()).toBe(1)
    await shot(outside, 'approval-link-approved.png')
    await expect.poll(() => runStatus(executionId), LONG).toBe('success')
    expect(await sql(stack, 'select user_id, vote from public.approval_votes where approval_request_id = $1', [requestId]))
      .toEqual([{ user_id: DEMO.users.admin, vote: 'approve' }])
  }, STEP)

  it('opening the same link again shows that it was already used', async () => {
    const again = await outside.goto(link)
    expect(again?.status()).toBe(409)
    expect(await outside.getByRole('heading', { level: 1 }).textContent()).toBe('This link cannot be used')
    expect(await outside.getByText(/^This link was already used \(.+\); each link works once\./).count()).toBe(1)
    expect(await outside.getByRole('button').count()).toBe(0)
    await shot(outside, 'approval-link-reused.png')
  }, STEP)

  it('a tampered link is refused with a page that says so, and votes nothing', async () => {
    const url = new URL(link)
    const token = url.searchParams.get('token')!
    const at = token.lastIndexOf('.') + 5 // a character of the signature
    url.searchParams.set('token', token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1))
    const tampered = await outside.goto(url.toString())
    expect(tampered?.status()).toBe(401)
    expect(await outside.getByRole('heading', { level: 1 }).textContent()).toBe('This link cannot be used')
    expect(await outside.getByText('This link\'s signature does not match: it was altered, or not made by this Opzenix').count()).toBe(1)
    expect(await outside.getByRole('button').count()).toBe(0)
  }, STEP)
})
