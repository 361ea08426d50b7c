// Signed approve/reject links from an approver's email: the link in the mail the recording server received
// shows a page naming the approver (GET writes nothing), and approves once (POST): the vote is the approver's,
// decided by the vote trigger and audited. A reused, expired or tampered link is refused with nothing voted;
// a link signed for someone the database does not let vote (a viewer, the run's starter) is refused by the
// database. Bad input is a 4xx in the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signLink, newNonce, type Decision } from '../../supabase/functions/_shared/notifications/approval-link-token.ts'
import { fromBase64Url, toBase64Url } from '../../supabase/functions/_shared/notifications/hmac.ts'
import { DEMO, sql } from '../data-model/demo.ts'
import { addChannel, LINK_SECRET, notifyEvent, openRequest, startNotifyWorld, type NotifyWorld } from './helpers.ts'

let world: NotifyWorld
const U = DEMO.users

beforeAll(async () => {
  world = await startNotifyWorld()
  await addChannel(world.stack, { kind: 'email' })
}, 120_000)
afterAll(async () => {
  await world?.stack.stop()
  await world?.server.stop()
})

const linkUrl = () => `${world.stack.functionsUrl}/approval-link`
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!

/** The approve and reject links in the email `to` received about the request. */
async function linksInEmail(_requestId: string, to: string): Promise<Record<Decision, string>> {
  await notifyEvent(world.stack)
  const mail = world.server.received('/emails', 'POST').map((r) => JSON.parse(r.body))
    .find((m) => m.to[0] === to && m.text.includes('approval-link'))
  if (!mail) throw new Error(`no email with links for ${to}`)
  const approve = /Approve: (\S+)/.exec(mail.text)![1]
  const reject = /Reject: (\S+)/.exec(mail.text)![1]
  world.server.reset()
  return { approve, reject }
}

const sign = (requestId: string, userId: string, decision: Decision, expiresAt = Math.floor(Date.now() / 1000) + 600) =>
  signLink(LINK_SECRET, { requestId, userId, decision, expiresAt, nonce: newNonce() })

async function post(token: string | null, accept = 'text/html'): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(linkUrl(), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: token === null ? '' : new URLSearchParams({ token }).toString(),
  })
  const text = await res.text()
  let json: any = null
  try { json = JSON.parse(text) } catch { /* a page */ }
  return { status: res.status, text, json }
}

const votes = (requestId: string) => sql(world.stack, 'select user_id, vote, comment from public.approval_votes where approval_request_id = $1', [requestId])
const audits = (requestId: string) => sql(world.stack, `select action, user_id, details from public.audit_logs
  where resource_type = 'approval_requests' and resource_id = $1 and action like 'approval_link.%' order by id`, [requestId])
const status = async (requestId: string) => (await sql(world.stack, 'select status from public.approval_requests where id = $1', [requestId]))[0].status

describe('signed approval links', () => {
  it('approve once from the email: the page names the approver, the vote is theirs and audited; a second use is refused', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    const links = await linksInEmail(requestId, 'admin@opzenix.dev')

    const page = await fetch(links.approve)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('You are voting as Ada Admin (admin@opzenix.dev)')
    expect(html).toContain('<form method="post">')
    expect(await votes(requestId)).toEqual([]) // opening the link votes nothing

    const used = await post(tokenOf(links.approve))
    expect(used.status).toBe(201)
    expect(used.text).toContain('was recorded as Ada Admin')
    expect(await votes(requestId)).toEqual([{ user_id: U.admin, vote: 'approve', comment: 'via a signed link' }])
    expect(await status(requestId)).toBe('approved')
    // The vote's own audit row names the approver as the actor, like a vote cast in the app.
    const [voteAudit] = await sql(world.stack, `select user_id, actor_role from public.audit_logs where resource_type = 'approval_votes' and action = 'insert'
      and after ->> 'approval_request_id' = $1`, [requestId])
    expect(voteAudit).toEqual({ user_id: U.admin, actor_role: 'authenticated' })

    const again = await post(tokenOf(links.approve), 'application/json')
    expect(again.status).toBe(409)
    expect(again.json.error).toMatchObject({ code: 'link_used', message: expect.stringContaining('already used') })
    const reopened = await fetch(links.approve)
    expect(reopened.status).toBe(409)
    expect(await reopened.text()).toContain('already used')
    expect(await votes(requestId)).toHaveLength(1)
    expect((await audits(requestId)).map((a) => [a.action, a.user_id, a.details.decision])).toEqual([
      ['approval_link.used', U.admin, 'approve'], ['approval_link.reused', U.admin, 'approve'],
    ])
  })

  it('reject from the email rejects the request', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    const links = await linksInEmail(requestId, 'lead@opzenix.dev')
    expect((await post(tokenOf(links.reject), 'application/json')).status).toBe(201)
    expect(await status(requestId)).toBe('rejected')
    expect(await votes(requestId)).toEqual([{ user_id: U.lead, vote: 'reject', comment: 'via a signed link' }])
  })

  it('refuses an expired link, audited, with nothing voted', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    const token = await sign(requestId, U.admin, 'approve', Math.floor(Date.now() / 1000) - 5)
    const answer = await post(token)
    expect(answer.status).toBe(410)
    expect(answer.text).toContain('This link expired')
    const json = await post(token, 'application/json')
    expect(json.json.error.code).toBe('link_expired')
    expect(await votes(requestId)).toEqual([])
    expect((await audits(requestId)).map((a) => a.action)).toEqual(['approval_link.expired', 'approval_link.expired'])
    expect((await sql(world.stack, 'select count(*)::int as n from public.approval_link_uses where approval_request_id = $1', [requestId]))[0].n).toBe(0)
  })

  it('refuses a tampered link (claims changed, or signed with another secret) with nothing written', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    const token = await sign(requestId, U.admin, 'reject')
    const [v, body, sig] = token.split('.')
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(body)))
    const forged = `${v}.${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...claims, d: 'approve' })))}.${sig}`
    for (const bad of [forged, await signLink('not our secret', { requestId, userId: U.admin, decision: 'approve', expiresAt: claims.e, nonce: newNonce() })]) {
      const answer = await post(bad, 'application/json')
      expect(answer.status).toBe(401)
      expect(answer.json.error.code).toBe('unauthorized')
      expect((await fetch(`${linkUrl()}?token=${encodeURIComponent(bad)}`)).status).toBe(401)
    }
    expect(await votes(requestId)).toEqual([])
    expect(await audits(requestId)).toEqual([])
  })

  it('lets the database refuse a link signed for someone who may not vote: a viewer, the run\'s starter', async () => {
    const { requestId } = await openRequest(world.stack, 'staging', U.operator)
    const viewer = await post(await sign(requestId, U.viewer, 'approve'), 'application/json')
    expect(viewer.status).toBe(403)
    expect(viewer.json.error.message).toMatch(/refused this vote: role viewer may not vote/)
    const starter = await post(await sign(requestId, U.operator, 'approve'))
    expect(starter.status).toBe(403)
    expect(starter.text).toMatch(/starter cannot approve/)
    expect(await votes(requestId)).toEqual([])
    expect(await status(requestId)).toBe('pending')
    const rows = await audits(requestId)
    expect(rows.map((a) => [a.action, a.user_id])).toEqual([['approval_link.refused', U.viewer], ['approval_link.refused', U.operator]])
    expect(rows[0].details.refusal).toMatch(/role viewer may not vote/)
    const uses = await sql(world.stack, 'select user_id, outcome from public.approval_link_uses where approval_request_id = $1 order by used_at', [requestId])
    expect(uses).toEqual([{ user_id: U.viewer, outcome: 'refused' }, { user_id: U.operator, outcome: 'refused' }])
  })

  it('answers bad input with a 4xx in the one error shape, writing nothing', async () => {
    const before = await sql(world.stack, `select (select count(*)::int from public.approval_votes) as votes,
      (select count(*)::int from public.approval_link_uses) as uses, (select count(*)::int from public.audit_logs) as audits`)
    const none = await post(null, 'application/json')
    expect(none.status).toBe(400)
    expect(none.json.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no token') })
    for (const token of ['garbage', 'v1.e30.', 'a'.repeat(3000)]) {
      const answer = await post(token, 'application/json')
      expect(answer.status, token.slice(0, 10)).toBe(400)
      expect(answer.json.error.code).toBe('invalid_input')
    }
    const wrongMethod = await fetch(linkUrl(), { method: 'PUT', headers: { accept: 'application/json' } })
    expect(wrongMethod.status).toBe(405)
    const json = await fetch(linkUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })
    expect(json.status).toBe(400)
    const unknown = await post(await sign('99999999-9999-4999-a999-999999999999', U.admin, 'approve'), 'application/json')
    expect(unknown.status).toBe(404)
    const after = await sql(world.stack, `select (select count(*)::int from public.approval_votes) as votes,
      (select count(*)::int from public.approval_link_uses) as uses, (select count(*)::int from public.audit_logs) as audits`)
    expect(after).toEqual(before)
  })
})
