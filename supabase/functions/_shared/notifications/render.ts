// What each channel says about an event: an email (subject, text, html, with signed approve/reject links for
// an approver), a Slack-compatible message ({text, blocks}), the generic webhook's JSON body. Pure: the
// delivery as claim_notification_deliveries returns it in, strings out.

export interface ClaimedDelivery {
  id: string
  attempt: number
  event_type: string
  event_key: string
  organization_id: string
  project_id: string | null
  created_at: string
  payload: {
    title?: string
    body?: string
    path?: string
    approval_request_id?: string
    expires_at?: string | null
    recipients?: string[]
    [key: string]: unknown
  }
  channel: { id: string; kind: 'email' | 'slack' | 'webhook'; name: string; url: string | null; secret_ref: string | null }
  recipient: { id: string; email: string | null; name: string } | null
}

export interface Email {
  to: string
  subject: string
  text: string
  html: string
}

export interface Links {
  /** The event in the app. */
  open: string
  approve?: string
  reject?: string
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const title = (d: ClaimedDelivery) => d.payload.title ?? d.event_type.replace(/_/g, ' ')

export function appLink(appUrl: string, path: string | undefined): string {
  return `${appUrl.replace(/\/+$/, '')}${path?.startsWith('/') ? path : '/notifications'}`
}

export function renderEmail(d: ClaimedDelivery, to: string, links: Links): Email {
  const lines = [d.payload.body ?? '', '']
  if (links.approve && links.reject) {
    lines.push(`Approve: ${links.approve}`, `Reject: ${links.reject}`, '',
      `These links are yours alone (${d.recipient?.name ?? to}): each works once, and the database still checks that you may vote.`, '')
  }
  lines.push(`Open in Opzenix: ${links.open}`)
  const button = (href: string, label: string, color: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;padding:8px 16px;margin-right:8px;border-radius:6px;background:${color};color:#fff;text-decoration:none">${label}</a>`
  const html = [
    `<h2 style="font-family:sans-serif">${escapeHtml(title(d))}</h2>`,
    `<p style="font-family:sans-serif">${escapeHtml(d.payload.body ?? '')}</p>`,
    links.approve && links.reject
      ? `<p>${button(links.approve, 'Approve', '#15803d')}${button(links.reject, 'Reject', '#b91c1c')}</p>` +
        `<p style="font-family:sans-serif;font-size:12px;color:#555">These links are for ${escapeHtml(d.recipient?.name ?? to)} only; each works once.</p>`
      : '',
    `<p style="font-family:sans-serif"><a href="${escapeHtml(links.open)}">Open in Opzenix</a></p>`,
  ].join('\n')
  return { to, subject: `[Opzenix] ${title(d)}`, text: lines.join('\n'), html }
}

/** Slack incoming-webhook JSON. Channel messages never carry personal approve links (anyone there could use them). */
export function renderSlack(d: ClaimedDelivery, links: Links): { text: string; blocks: unknown[] } {
  const who = d.payload.recipients?.length ? `Can act: ${d.payload.recipients.join(', ')}` : null
  const text = `${title(d)}: ${d.payload.body ?? ''}`.trim()
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title(d)}*\n${d.payload.body ?? ''}` } },
      ...(who ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: who }] }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Opzenix' }, url: links.open }] },
    ],
  }
}

export function renderWebhook(d: ClaimedDelivery, links: Links): Record<string, unknown> {
  return {
    id: d.id,
    type: d.event_type,
    event_key: d.event_key,
    created_at: d.created_at,
    organization_id: d.organization_id,
    project_id: d.project_id,
    title: title(d),
    body: d.payload.body ?? null,
    url: links.open,
    data: d.payload,
  }
}
