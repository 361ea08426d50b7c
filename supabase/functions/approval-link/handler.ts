// GET ?token=… → a confirmation page naming the approver (nothing is written: mail scanners open links);
// POST token=… (form or JSON) → the vote, cast as that approver through the database, where the vote trigger
// decides (status, expiry, separation of duties, roles, grants, policies). No user JWT (verify_jwt = false):
// the token is the credential. A link is single use (its nonce is recorded), expires, and is bound to one
// approver and one request; a tampered, expired or reused link is refused and nothing is voted. JSON callers
// (accept: application/json) get the shared error shape; browsers get the same answer as a page.
import type { SupabaseClient } from '@supabase/supabase-js'
import { serviceClient } from '../_shared/auth.ts'
import { badRequest, corsHeaders, errorResponse, HttpError, json, notFound } from '../_shared/http.ts'
import { linkSecret, verifyLink, type LinkClaims } from '../_shared/notifications/approval-link-token.ts'
import { clientAddress, hitRateLimits, limitFromEnv, type Limit } from '../_shared/rate-limit.ts'
import { page } from './page.ts'

interface Context {
  title: string
  status: string
  environment: string | null
  approver: string
  email: string | null
}

const verb = (decision: LinkClaims['decision']) => (decision === 'approve' ? 'approve' : 'reject')

async function readToken(req: Request, url: URL): Promise<string> {
  let token = url.searchParams.get('token')
  if (req.method === 'POST') {
    const type = req.headers.get('content-type') ?? ''
    const text = await req.text()
    if (type.includes('application/json')) {
      try {
        const body = JSON.parse(text)
        if (typeof body?.token === 'string') token = body.token
      } catch {
        throw badRequest('The body is not valid JSON')
      }
    } else if (text) {
      token = new URLSearchParams(text).get('token') ?? token
    }
  }
  if (!token) throw badRequest('This link has no token: open it exactly as you received it')
  if (token.length > 2000) throw badRequest('This link is damaged: the token is too long')
  return token
}

async function context(db: SupabaseClient, claims: LinkClaims): Promise<Context> {
  const { data: request, error } = await db.from('approval_requests')
    .select('title, status, executions (name, version), environments (key, display_name)').eq('id', claims.requestId).maybeSingle()
  if (error) throw error
  if (!request) throw notFound('This approval request no longer exists')
  const { data: person } = await db.auth.admin.getUserById(claims.userId)
  if (!person?.user) throw notFound('The approver this link was made for no longer exists')
  const { data: profile } = await db.from('profiles').select('full_name').eq('id', claims.userId).maybeSingle()
  const run = request.executions as unknown as { name: string | null; version: string | null } | null
  const env = request.environments as unknown as { key: string; display_name: string | null } | null
  return {
    title: request.title || [run?.name, run?.version].filter(Boolean).join(' ') || 'an approval',
    status: request.status,
    environment: env ? env.display_name ?? env.key : null,
    approver: profile?.full_name || person.user.email || 'the approver',
    email: person.user.email ?? null,
  }
}

async function usedAt(db: SupabaseClient, nonce: string): Promise<string | null> {
  const { data, error } = await db.from('approval_link_uses').select('used_at').eq('nonce', nonce).maybeSingle()
  if (error) throw error
  return data?.used_at ?? null
}

/**
 * Requests per address, and per link once its signature holds (a link is one approver's, for one request).
 * Function secrets, per window of RATE_LIMIT_WINDOW_SECONDS: APPROVAL_LINK_RATE_LIMIT_ADDRESS (600),
 * APPROVAL_LINK_RATE_LIMIT_LINK (30: a person opens and presses a link a few times; mail scanners open it too).
 */
function rateLimits(req: Request, claims: LinkClaims | undefined): Promise<void> {
  const limits: Limit[] = [{ scope: 'address', value: clientAddress(req), limit: limitFromEnv('APPROVAL_LINK_RATE_LIMIT_ADDRESS', 600) }]
  if (claims) limits.push({ scope: 'link', value: claims.nonce, limit: limitFromEnv('APPROVAL_LINK_RATE_LIMIT_LINK', 30) })
  return hitRateLimits('approval-link', limits)
}

const refusedAgain = (at: string) => new HttpError(409, 'link_used', `This link was already used (${at}); each link works once. Open Opzenix to see the request`)

export async function handler(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders })
  const url = new URL(req.url)
  const wantsJson = (req.headers.get('accept') ?? '').includes('application/json') || (req.headers.get('content-type') ?? '').includes('application/json')
  const fail = (error: unknown) => {
    if (wantsJson || !(error instanceof HttpError)) return errorResponse(error)
    const answer = page({ title: 'This link cannot be used', lines: [error.message], tone: 'bad' }, error.status)
    for (const [name, value] of Object.entries(error.headers ?? {})) answer.headers.set(name, value)
    return answer
  }
  try {
    if (req.method !== 'GET' && req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use GET or POST')
    // Counted before anything reads the database; a request too bad to carry a link counts against its address.
    const token = await readToken(req, url).catch(async (error) => {
      await rateLimits(req, undefined)
      throw error
    })
    const check = await verifyLink(linkSecret((name) => Deno.env.get(name)), token)
    await rateLimits(req, 'claims' in check ? check.claims : undefined)
    if (!check.ok && check.reason === 'malformed') throw badRequest('This link is damaged: open it exactly as you received it')
    if (!check.ok && check.reason === 'bad_signature') throw new HttpError(401, 'unauthorized', 'This link\'s signature does not match: it was altered, or not made by this Opzenix')
    const claims = check.ok ? check.claims : check.claims!
    const db = serviceClient()
    const about = await context(db, claims)

    if (!check.ok) {
      if (req.method === 'POST') {
        const { error } = await db.rpc('audit_approval_link', { _request_id: claims.requestId, _user_id: claims.userId, _decision: claims.decision, _outcome: 'expired' })
        if (error) throw error
      }
      throw new HttpError(410, 'link_expired', `This link expired at ${new Date(claims.expiresAt * 1000).toISOString()}. Open Opzenix to vote on ${about.title}`)
    }
    const previous = await usedAt(db, claims.nonce)
    if (previous && req.method === 'GET') throw refusedAgain(previous)

    if (req.method === 'GET') {
      const who = `${about.approver}${about.email && about.email !== about.approver ? ` (${about.email})` : ''}`
      if (wantsJson) return json({ request_id: claims.requestId, decision: claims.decision, approver: who, title: about.title, status: about.status, expires_at: new Date(claims.expiresAt * 1000).toISOString() })
      return page({
        title: `${claims.decision === 'approve' ? 'Approve' : 'Reject'} ${about.title}${about.environment ? ` on ${about.environment}` : ''}?`,
        lines: [
          `You are voting as ${who}. This link was made for ${about.approver} alone: if that is not you, close this page.`,
          `The request is ${about.status}. It works once; Opzenix still checks that ${about.approver} may vote.`,
        ],
        form: { token, decision: claims.decision },
      })
    }

    const { data, error } = await db.rpc('use_approval_link', { _nonce: claims.nonce, _request_id: claims.requestId, _user_id: claims.userId, _decision: claims.decision })
    if (error) throw error
    const result = data as { outcome: 'recorded' | 'refused' | 'reused'; message: string | null; vote_id?: string; used_at?: string }
    if (result.outcome === 'reused') throw refusedAgain(result.used_at ?? 'earlier')
    if (result.outcome === 'refused') {
      const message = result.message ?? 'The vote was refused'
      throw new HttpError(/already|expired/.test(message) ? 409 : 403, /already|expired/.test(message) ? 'conflict' : 'forbidden', `Opzenix refused this vote: ${message}`)
    }
    if (wantsJson) return json({ outcome: 'recorded', vote_id: result.vote_id, request_id: claims.requestId, decision: claims.decision }, 201)
    return page({
      title: claims.decision === 'approve' ? 'Approved' : 'Rejected',
      lines: [`Your vote to ${verb(claims.decision)} ${about.title} was recorded as ${about.approver}.`, 'You can close this page.'],
      tone: claims.decision === 'approve' ? 'good' : 'bad',
    }, 201)
  } catch (error) {
    return fail(error)
  }
}
