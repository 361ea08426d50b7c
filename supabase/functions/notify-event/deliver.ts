// One attempt at one delivery: render for its channel, sign what needs signing, POST.
import { linkSecret, newNonce, signLink, type Decision } from '../_shared/notifications/approval-link-token.ts'
import { appLink, renderEmail, renderInvitationEmail, renderSlack, renderWebhook, type ClaimedDelivery, type Links } from '../_shared/notifications/render.ts'
import { notConfigured, post, type Attempt } from '../_shared/notifications/send.ts'
import { SIGNATURE_HEADER, signatureHeader } from '../_shared/notifications/webhook-signature.ts'
import type { Settings } from './settings.ts'

type Env = (name: string) => string | undefined

/** Approve and reject links for an approver's email: bound to them and the request, expiring with it at the latest. */
export async function approverLinks(d: ClaimedDelivery, settings: Settings, env: Env, nowMs = Date.now()): Promise<Pick<Links, 'approve' | 'reject'>> {
  if (d.event_type !== 'approval_requested' || !d.recipient?.id || !d.payload.approval_request_id) return {}
  const secret = linkSecret(env)
  let expiresAt = Math.floor(nowMs / 1000) + settings.linkTtlSeconds
  if (d.payload.expires_at) expiresAt = Math.min(expiresAt, Math.floor(Date.parse(d.payload.expires_at) / 1000))
  const link = async (decision: Decision) => `${settings.approvalLinkUrl}?token=${await signLink(secret, {
    requestId: d.payload.approval_request_id!, userId: d.recipient!.id!, decision, expiresAt, nonce: newNonce(),
  })}`
  return { approve: await link('approve'), reject: await link('reject') }
}

export async function attempt(d: ClaimedDelivery, settings: Settings, env: Env): Promise<Attempt> {
  const open = appLink(settings.appUrl, d.payload.path)
  switch (d.channel.kind) {
    case 'email': {
      if (!settings.mailApiUrl || !settings.mailApiKey) return notConfigured('MAIL_API_URL and MAIL_API_KEY (function secrets) are not set')
      if (!d.recipient?.email) return { delivered: false, retryable: false, http_status: null, error: 'the recipient has no email address' }
      let email
      if (d.event_type === 'invitation') {
        // The token is in the payload until this delivery is sent or given up (migration …006000).
        if (!d.payload.token) return { delivered: false, retryable: false, http_status: null, error: 'the invitation link is no longer stored (revoked or already sent)' }
        // Retries can outlive a short invitation: a dead link is not worth sending.
        if (d.payload.expires_at && Date.parse(d.payload.expires_at) <= Date.now()) {
          return { delivered: false, retryable: false, http_status: null, error: 'the invitation expired before it could be emailed' }
        }
        email = renderInvitationEmail(d, d.recipient.email, appLink(settings.appUrl, `/invite/${encodeURIComponent(d.payload.token)}`))
      } else {
        email = renderEmail(d, d.recipient.email, { open, ...(await approverLinks(d, settings, env)) })
      }
      // Resend's shape (POST /emails, bearer key); Postmark-style APIs take the same through a small adapter.
      return post(`${settings.mailApiUrl}/emails`, JSON.stringify({
        from: settings.mailFrom, to: [email.to], subject: email.subject, text: email.text, html: email.html,
        headers: { 'X-Opzenix-Delivery': d.id },
      }), { authorization: `Bearer ${settings.mailApiKey}`, 'idempotency-key': d.id }, settings.timeoutMs)
    }
    case 'slack': {
      const url = d.channel.url ?? (d.channel.secret_ref ? env(d.channel.secret_ref) : undefined)
      if (!url) return notConfigured(`the function secret ${d.channel.secret_ref} (the webhook URL) is not set`)
      return post(url, JSON.stringify(renderSlack(d, { open })), {}, settings.timeoutMs)
    }
    case 'webhook': {
      const secret = d.channel.secret_ref ? env(d.channel.secret_ref) : undefined
      if (!secret || !d.channel.url) return notConfigured(`the function secret ${d.channel.secret_ref} (the signing key) is not set`)
      const body = JSON.stringify(renderWebhook(d, { open }))
      return post(d.channel.url, body, {
        [SIGNATURE_HEADER]: await signatureHeader(secret, body),
        'x-opzenix-event': d.event_type,
        'x-opzenix-delivery': d.id,
      }, settings.timeoutMs)
    }
  }
}
