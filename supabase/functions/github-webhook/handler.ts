// POST /github-webhook/<integration id>: verify, store once, acknowledge, then process.
import { verify } from '@octokit/webhooks-methods'
import { storeDelivery } from '../_shared/github/deliveries.ts'
import { loadIntegration, webhookSecret } from '../_shared/github/integration-secret.ts'
import { processDelivery } from '../_shared/github/process-delivery.ts'
import { sweepStaleDeliveries } from '../_shared/github/sweep.ts'
import { afterAck } from '../_shared/github/after-ack.ts'
import { parseJson, readBody, requireJson, routeId } from '../_shared/github/webhook-request.ts'
import { badRequest, handle, HttpError, json, notFound, unauthorized } from '../_shared/http.ts'
import { webhookRateLimits } from '../_shared/github/webhook-rate-limits.ts'

/** Server-Timing (ms per step; `batch` is how many deliveries shared the insert): read by bench/webhook.ts. */
const serverTiming = (steps: Record<string, number>) => ({
  'server-timing': Object.entries(steps).map(([name, ms]) => `${name};dur=${Math.round(ms * 100) / 100}`).join(', '),
})

const badSignature = () => unauthorized('The X-Hub-Signature-256 signature does not match this integration\'s webhook secret')

export const githubWebhook = handle(['POST'], async (req) => {
  const integrationId = routeId(req, 'github-webhook')
  if (!integrationId) throw notFound('Use the webhook URL of an integration: /functions/v1/github-webhook/<integration id>')
  requireJson(req)
  const t0 = performance.now()
  const limited = webhookRateLimits('github-webhook', req, integrationId) // counted while the body is read
  limited.catch(() => {}) // awaited below; this keeps a refused body (413) from leaving it unhandled
  const body = await readBody(req)
  const read = performance.now()
  await limited
  const counted = performance.now()
  const signature = req.headers.get('x-hub-signature-256')
  if (!signature) throw unauthorized('X-Hub-Signature-256 is missing: set a secret in GitHub\'s webhook settings')
  const deliveryId = req.headers.get('x-github-delivery')
  const event = req.headers.get('x-github-event')

  // First against the cached integration row; whatever fails there is decided on a fresh one.
  for (const fresh of [false, true]) {
    const integration = await loadIntegration(integrationId, fresh)
    if (!integration || !integration.is_active) {
      if (fresh) throw notFound('No active GitHub integration has this id')
      continue
    }
    const secret = await webhookSecret(integration)
    if (!secret) {
      if (fresh) throw new HttpError(409, 'no_webhook_secret', 'This integration has no webhook secret yet: generate one first')
      continue
    }
    const verifyStart = performance.now()
    if (!(await verify(secret, body, signature).catch(() => false))) {
      if (fresh) throw badSignature()
      continue
    }
    if (!deliveryId || deliveryId.length > 200) throw badRequest('X-GitHub-Delivery is missing')
    if (!event || !/^[a-z_]{1,64}$/.test(event)) throw badRequest('X-GitHub-Event is missing')
    const verified = performance.now()
    const payload = parseJson(body)
    const parsed = performance.now()
    const stored = await storeDelivery({
      provider: 'github', deliveryId, event, projectId: integration.project_id, integrationId: integration.id,
      payload: body, secretGuard: integration.webhook_secret ?? undefined,
    })
    if (!stored) continue // the secret changed since this row was read
    const timing = serverTiming({
      read: read - t0, rate_limit: counted - read, integration: verifyStart - counted, verify: verified - verifyStart, parse: parsed - verified,
      queued: stored.timing.queued_ms, insert: stored.timing.insert_ms, batch: stored.timing.batch, total: performance.now() - t0,
    })
    if (stored.duplicate) return json({ duplicate: true, id: stored.id, delivery_id: deliveryId }, 200, timing)
    afterAck(() => processDelivery(stored.id, event, integration, payload).then(() => sweepStaleDeliveries()).then(() => {}))
    return json({ id: stored.id, delivery_id: deliveryId, event }, 202, timing)
  }
  throw badSignature()
})
