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
    /** Invitations: the raw token of the accept link, present until the delivery is sent or given up. */
    token?: string
    [key: string]: unknown
  }
  channel: { id: string; kind: 'email' | 'slack' | 'webhook'; name: string; url: string | null; secret_ref: string | null }
  /** A member (id set) or, for an invitation, an address with no account here yet (id null). */
  recipient: { id: string | null; email: string | null; name: string } | null
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

/** What an invitation delivery's payload carries (raise_invitation_email). */
export interface InvitationFacts {
  organization: string
  invitedBy: string
  role: string
  expiresAt: string
}

const roleLabel = (role: string) => ({ admin: 'an admin', operator: 'an operator', viewer: 'a viewer' } as Record<string, string>)[role] ?? role

/** "5 December 2026, 14:30 UTC": the mail client's time zone is unknown, so UTC, said. */
export function formatUtc(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const month = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`
}

export function invitationFacts(d: ClaimedDelivery): InvitationFacts {
  const text = (key: string, fallback: string) => (typeof d.payload[key] === 'string' && d.payload[key] ? d.payload[key] as string : fallback)
  return { organization: text('organization', 'an organization'), invitedBy: text('invited_by', 'An admin'), role: text('role', 'member'), expiresAt: text('expires_at', '') }
}

/** The invitation email: who invited, to which organization, as what, until when, and the accept link. */
export function renderInvitationEmail(d: ClaimedDelivery, to: string, acceptLink: string): Email {
  const f = invitationFacts(d)
  const until = f.expiresAt ? formatUtc(f.expiresAt) : 'it expires'
  const intro = `${f.invitedBy} invited you to join ${f.organization} on Opzenix as ${roleLabel(f.role)}.`
  const terms = `The link works once, only for ${to}, until ${until}. Sign in or sign up with that address, then accept.`
  const text = [intro, '', `Accept the invitation: ${acceptLink}`, '', terms, '',
    'If you did not expect this invitation, ignore this email: nothing happens unless you accept.'].join('\n')
  const html = [
    `<h2 style="font-family:sans-serif">${escapeHtml(`Join ${f.organization} on Opzenix`)}</h2>`,
    `<p style="font-family:sans-serif">${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(acceptLink)}" style="display:inline-block;padding:8px 16px;border-radius:6px;background:#1d4ed8;color:#fff;text-decoration:none">Accept the invitation</a></p>`,
    `<p style="font-family:sans-serif;font-size:12px;color:#555">${escapeHtml(terms)}</p>`,
  ].join('\n')
  return { to, subject: `[Opzenix] ${f.invitedBy} invited you to ${f.organization}`, text, html }
}
