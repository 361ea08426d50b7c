// The invitation email as the invited person reads it (pure: no stack): who, where, which role, until when, the
// link; names typed by people are escaped in the HTML part.
import { describe, expect, it } from 'vitest'
import { formatUtc, renderInvitationEmail, type ClaimedDelivery } from '../../supabase/functions/_shared/notifications/render.ts'

const delivery = (payload: ClaimedDelivery['payload']): ClaimedDelivery => ({
  id: 'd1', attempt: 1, event_type: 'invitation', event_key: 'invitation:i1', organization_id: 'o1', project_id: null, created_at: '2026-12-04T10:00:00Z',
  payload, channel: { id: 'c1', kind: 'email', name: 'Team mail', url: null, secret_ref: null },
  recipient: { id: null, email: 'new@example.test', name: 'new@example.test' },
})

describe('renderInvitationEmail', () => {
  it('says who invited whom to what, as which role, until when, with the accept link', () => {
    const email = renderInvitationEmail(delivery({ organization: 'Acme', invited_by: 'Ada Admin', role: 'viewer', expires_at: '2026-12-11T09:05:00Z', token: 't' }),
      'new@example.test', 'https://app.example.test/invite/abc')
    expect(email.subject).toBe('[Opzenix] Ada Admin invited you to Acme')
    expect(email.text).toContain('Ada Admin invited you to join Acme on Opzenix as a viewer.')
    expect(email.text).toContain('Accept the invitation: https://app.example.test/invite/abc')
    expect(email.text).toContain('only for new@example.test, until 11 December 2026, 09:05 UTC')
    expect(email.html).toContain('href="https://app.example.test/invite/abc"')
  })

  it('escapes names in the HTML part', () => {
    const email = renderInvitationEmail(delivery({ organization: '<script>x</script>', invited_by: 'Eve "quote"', role: 'admin', expires_at: '2026-12-11T09:05:00Z' }),
      'new@example.test', 'https://app.example.test/invite/abc')
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(email.html).toContain('Eve &quot;quote&quot;')
    expect(email.text).toContain('as an admin.')
  })
})

describe('formatUtc', () => {
  it('writes a time the reader can place whatever their time zone', () => {
    expect(formatUtc('2026-01-02T03:04:00Z')).toBe('2 January 2026, 03:04 UTC')
    expect(formatUtc('not a date')).toBe('not a date')
  })
})
