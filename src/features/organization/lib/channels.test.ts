import { describe, expect, it } from 'vitest'
import { describeEventTypes, describeOutcome, type DeliveryOutcome } from './channels.ts'

const now = Date.parse('2026-12-04T12:00:00Z')
const base: DeliveryOutcome = { status: 'pending', attempts: 0, last_error: null, next_attempt_at: '2026-12-04T12:00:00Z', delivered_at: null }

describe('describeOutcome', () => {
  it('says when a delivery was delivered', () => {
    expect(describeOutcome({ ...base, status: 'delivered', attempts: 1, delivered_at: '2026-12-04T11:58:00Z' }, now)).toBe('Delivered 2 minutes ago.')
  })
  it('gives a retry its attempt count, reason and next attempt', () => {
    expect(describeOutcome({ ...base, status: 'retrying', attempts: 2, last_error: 'mail.example answered 503', next_attempt_at: '2026-12-04T12:01:00Z' }, now))
      .toBe('Attempt 2 failed: mail.example answered 503. Next attempt in 1 minute.')
  })
  it('gives a failure its attempts and last error', () => {
    expect(describeOutcome({ ...base, status: 'failed', attempts: 1, last_error: 'answered 410' }, now)).toBe('Failed after 1 attempt: answered 410.')
    expect(describeOutcome({ ...base, status: 'failed', attempts: 8, last_error: null }, now)).toBe('Failed after 8 attempts.')
  })
  it('says why a delivery was cancelled, as a sentence', () => {
    expect(describeOutcome({ ...base, status: 'cancelled', last_error: 'cancelled: the invitation was revoked or replaced before it was emailed' }, now))
      .toBe('Cancelled: the invitation was revoked or replaced before it was emailed.')
    expect(describeOutcome({ ...base, status: 'pending' }, now)).toBe('Waiting to be sent.')
  })
})

describe('describeEventTypes', () => {
  it('reads an empty list as every event, as the database does', () => {
    expect(describeEventTypes([])).toBe('All events')
    expect(describeEventTypes(['invitation', 'run_failed'])).toBe('Invitation, Run failed')
  })
})
