// POST /artifact-webhook/<integration id>: registry push events → artifacts of the integration's project.
// Authenticated with the integration's webhook secret, either as an HMAC (X-Hub-Signature-256, what GitHub
// sends for package events) or as `Authorization: Bearer <secret>` (a header Docker Registry notifications
// can be configured to send). Each event is recorded once (webhook_deliveries), so a retry adds nothing.
import { verify } from '@octokit/webhooks-methods'
import { serviceClient } from '../_shared/auth.ts'
import { artifactEvents } from '../_shared/github/artifact-events.ts'
import { storeDelivery } from '../_shared/github/deliveries.ts'
import { loadIntegration, webhookSecret } from '../_shared/github/integration-secret.ts'
import { parseJson, readBody, requireJson, routeId } from '../_shared/github/webhook-request.ts'
import { badRequest, handle, json, notFound, unauthorized } from '../_shared/http.ts'
import { webhookRateLimits } from '../_shared/github/webhook-rate-limits.ts'

function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a)
  const y = new TextEncoder().encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

export const artifactWebhook = handle(['POST'], async (req) => {
  const integrationId = routeId(req, 'artifact-webhook')
  if (!integrationId) throw notFound('Use /functions/v1/artifact-webhook/<integration id>')
  requireJson(req)
  const limited = webhookRateLimits('artifact-webhook', req, integrationId) // counted while the body is read
  limited.catch(() => {}) // awaited below; this keeps a refused body (413) from leaving it unhandled
  const body = await readBody(req)
  await limited
  const signature = req.headers.get('x-hub-signature-256')
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
  if (!signature && !bearer) throw unauthorized('Sign the payload (X-Hub-Signature-256) or send Authorization: Bearer <webhook secret>')

  const integration = await loadIntegration(integrationId, true)
  if (!integration || !integration.is_active) throw notFound('No active GitHub integration has this id')
  const secret = await webhookSecret(integration)
  const valid = secret !== undefined && (signature ? await verify(secret, body, signature).catch(() => false) : sameText(bearer!, secret))
  if (!valid) throw unauthorized('The signature or bearer secret does not match this integration\'s webhook secret')

  let events
  try {
    events = artifactEvents(parseJson(body), req.headers.get('x-github-delivery'))
  } catch (error) {
    throw badRequest(`Not a registry push event: ${(error as Error).message}`)
  }
  const admin = serviceClient()
  const recorded: string[] = []
  let duplicates = 0
  for (const e of events) {
    const stored = await storeDelivery({
      provider: e.metadata.source as string, deliveryId: e.eventId, event: 'artifact_push',
      projectId: integration.project_id, integrationId: integration.id, payload: JSON.stringify(e),
    })
    if (!stored || stored.duplicate) {
      duplicates++
      continue
    }
    const { data, error } = await admin.from('artifacts').insert({
      project_id: integration.project_id, name: e.name, image_digest: e.digest, registry_url: e.registryUrl,
      size_bytes: e.sizeBytes, ecosystem: e.ecosystem, digest: e.contentDigest, metadata: { ...e.metadata, event_id: e.eventId },
    }).select('id').single()
    if (error) throw error
    recorded.push(data.id)
    await admin.from('webhook_deliveries').update({ status: 'processed', processed_at: new Date().toISOString(), result: { artifact_id: data.id } }).eq('id', stored.id)
  }
  return json({ recorded: recorded.length, duplicates, artifact_ids: recorded }, recorded.length ? 201 : 200)
})
