// What the four evidence functions share: who is sending (CI with its integration's webhook secret, or a
// signed-in operator), for which run and node (?execution_id=…&node_id=…), the body read once under a size
// cap, and the one error shape. Order: authenticate → validate (run, node, type, size, parse) → store → respond.
import { verify } from '@octokit/webhooks-methods'
import { requireCaller, requireProjectRole } from '../auth.ts'
import { one } from '../github/db.ts'
import { isCiphertext } from '../crypto/secret-box.ts'
import { loadIntegration, webhookSecret } from '../github/integration-secret.ts'
import { readBody, routeId } from '../github/webhook-request.ts'
import { badRequest, HttpError, json, notFound, unauthorized } from '../http.ts'
import { clientAddress, hitRateLimits, limitFromEnv } from '../rate-limit.ts'
import { EvidenceError } from './errors.ts'

/** EVIDENCE_MAX_BYTES (default 10 MiB): the largest report file accepted. */
export function evidenceMaxBytes(): number {
  const configured = Number(Deno.env.get('EVIDENCE_MAX_BYTES'))
  return Number.isFinite(configured) && configured > 0 ? configured : 10 * 1024 * 1024
}

export interface Sender {
  integrationId: string | null
  userId: string | null
}

export interface Target {
  executionId: string
  nodeId: string
  projectId: string
}

export interface Upload {
  sender: Sender
  target: Target
  body: string
  sha256: string
}

/**
 * CI uploads, all four functions counted together, per window of RATE_LIMIT_WINDOW_SECONDS: per integration
 * (EVIDENCE_RATE_LIMIT_INTEGRATION, 3,000) and per sending address (EVIDENCE_RATE_LIMIT_ADDRESS, 6,000).
 */
function evidenceRateLimits(req: Request, integrationId: string): Promise<void> {
  return hitRateLimits('evidence', [
    { scope: 'address', value: clientAddress(req), limit: limitFromEnv('EVIDENCE_RATE_LIMIT_ADDRESS', 6_000) },
    { scope: 'integration', value: integrationId, limit: limitFromEnv('EVIDENCE_RATE_LIMIT_INTEGRATION', 3_000) },
  ])
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a)
  const y = new TextEncoder().encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export type MediaKind = 'xml' | 'json'

function requireMedia(req: Request, kind: MediaKind): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  const ok = kind === 'xml'
    ? type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')
    : type === 'application/json' || type.endsWith('+json')
  if (!ok) {
    throw new HttpError(415, 'unsupported_media_type', kind === 'xml'
      ? 'Send the JUnit report as XML (content-type: application/xml)'
      : 'Send the report as JSON (content-type: application/json)')
  }
}

function targetParams(req: Request): { executionId: string; nodeId: string } {
  const params = new URL(req.url).searchParams
  const executionId = params.get('execution_id') ?? ''
  const nodeId = params.get('node_id') ?? ''
  const problems = [
    ...(UUID.test(executionId) ? [] : [{ path: 'execution_id', message: 'the run\'s id (a uuid) is required in the query string' }]),
    ...(nodeId.length >= 1 && nodeId.length <= 200 ? [] : [{ path: 'node_id', message: 'the node\'s id in the run\'s graph is required in the query string' }]),
  ]
  if (problems.length) throw badRequest(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems)
  return { executionId: executionId.toLowerCase(), nodeId }
}

async function runOf(executionId: string, nodeId: string): Promise<{ project_id: string; has_node: boolean } | undefined> {
  return await one<{ project_id: string; has_node: boolean }>(
    `select x.project_id, exists (select 1 from public.execution_nodes n where n.execution_id = x.id and n.node_id = $2) as has_node
     from public.executions x where x.id = $1`,
    [executionId, nodeId],
  )
}

/**
 * Authenticates and validates an upload for `fn`: `/fn/<integration id>` with the integration's webhook secret
 * (`Authorization: Bearer <secret>` or `X-Hub-Signature-256` over the body), or `/fn` with a member's session
 * (operators and admins of the run's project). Throws the 4xx that says what is wrong; writes nothing.
 */
export async function receiveUpload(req: Request, fn: string, media: MediaKind): Promise<Upload> {
  const integrationId = routeId(req, fn)
  const sender: Sender = { integrationId: null, userId: null }
  let body: string
  let projectId: string | undefined

  if (integrationId) {
    const signature = req.headers.get('x-hub-signature-256')
    const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    if (!signature && !bearer) throw unauthorized('Send Authorization: Bearer <webhook secret> (or sign the body: X-Hub-Signature-256)')
    requireMedia(req, media)
    const limited = evidenceRateLimits(req, integrationId) // counted while the body is read
    limited.catch(() => {}) // awaited below; this keeps a refused body (413) from leaving it unhandled
    body = await readBody(req, evidenceMaxBytes())
    await limited
    const integration = await loadIntegration(integrationId, true)
    if (!integration || !integration.is_active) throw notFound('No active GitHub integration has this id')
    // A plaintext secret (the seed's demo rows) is compared as it is: sealing it is github-webhook's job, and an
    // upload that turns out to be refused must write nothing.
    const secret = integration.webhook_secret && !isCiphertext(integration.webhook_secret) ? integration.webhook_secret : await webhookSecret(integration)
    const valid = secret !== undefined && (signature ? await verify(secret, body, signature).catch(() => false) : sameText(bearer!, secret))
    if (!valid) throw unauthorized('The signature or bearer secret does not match this integration\'s webhook secret')
    sender.integrationId = integration.id
    projectId = integration.project_id
  } else {
    if (new URL(req.url).pathname.split('/').filter(Boolean).at(-1) !== fn) throw notFound(`Use /functions/v1/${fn}/<integration id> or /functions/v1/${fn} signed in`)
    const caller = await requireCaller(req)
    requireMedia(req, media)
    const { executionId } = targetParams(req)
    const { data } = await caller.db.from('executions').select('project_id').eq('id', executionId).maybeSingle()
    if (!data) throw notFound('No such run, or it is not in your organization')
    await requireProjectRole(caller, data.project_id, 'operator', 'record evidence for its runs')
    body = await readBody(req, evidenceMaxBytes())
    sender.userId = caller.user.id
    projectId = data.project_id
  }

  const { executionId, nodeId } = targetParams(req)
  const run = await runOf(executionId, nodeId)
  if (!run || run.project_id !== projectId) throw notFound('No such run in this integration\'s project')
  if (!run.has_node) throw notFound(`The run has no node "${nodeId}"`)
  return { sender, target: { executionId, nodeId, projectId: run.project_id }, body, sha256: await sha256(body) }
}

/** JSON.parse that answers 400 in a sentence. */
export function parseJsonBody(body: string, what: string): unknown {
  try {
    return JSON.parse(body)
  } catch (error) {
    throw badRequest(`The ${what} is not valid JSON: ${(error as Error).message}`)
  }
}

/** Runs a parser, turning its EvidenceError into a 400. */
export function readReport<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof EvidenceError) throw badRequest(error.message)
    throw error
  }
}

/** The answer to an upload: 201 with what was stored, or 200 when the same file was already recorded. */
export function stored(id: string, created: boolean, summary: Record<string, unknown>): Response {
  return json({ id, duplicate: !created, ...summary }, created ? 201 : 200)
}
