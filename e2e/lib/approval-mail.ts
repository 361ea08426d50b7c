// The approve link an approver received by email about one request, read from the local server that plays the
// mail API (Resend's shape: POST /emails with {to, text}); the link's claims are checked with the real verifier.
import { expect } from 'vitest'
import { verifyLink } from '../../supabase/functions/_shared/notifications/approval-link-token.ts'
import type { RecordingServer } from '../../test/helpers/recording-server.ts'

/** The functions' OPZENIX_LINK_SECRET in the journeys that read approval links. */
export const LINK_SECRET = 'e2e-approval-link-secret'

async function approveLink(mail: RecordingServer, to: string, requestId: string): Promise<string | null> {
  for (const request of mail.received('/emails', 'POST')) {
    const message = JSON.parse(request.body) as { to: string[]; text: string }
    const url = message.to[0] === to ? /Approve: (\S+)/.exec(message.text)?.[1] : undefined
    if (!url) continue
    const check = await verifyLink(LINK_SECRET, new URL(url).searchParams.get('token') ?? '')
    if (check.ok && check.claims.requestId === requestId && check.claims.decision === 'approve') return url
  }
  return null
}

/** Waits (the scheduler delivers every OPZENIX_NOTIFY_MS) for `to`'s approve link about `requestId`. */
export async function approveLinkIn(mail: RecordingServer, to: string, requestId: string): Promise<string> {
  let link: string | null = null
  await expect.poll(async () => (link = await approveLink(mail, to, requestId)), { timeout: 45_000 }).not.toBeNull()
  return link!
}
