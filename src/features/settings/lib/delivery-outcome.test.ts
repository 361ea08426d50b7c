import { describe, expect, it } from 'vitest'
import { deliveryOutcome } from './delivery-outcome.ts'

describe('deliveryOutcome', () => {
  it('says a push started a run, and through which mapping', () => {
    expect(deliveryOutcome('push', { branch: 'main', pattern: 'main', started: true, execution_id: 'e' }, null)).toBe('run started on main (main)')
    expect(deliveryOutcome('push', { action: 'started', branch: 'develop' }, null)).toBe('run started on develop')
  })

  it('says why nothing started', () => {
    expect(deliveryOutcome('push', { reason: 'no_mapping', branch: 'docs/x' }, null)).toBe('no mapping on docs/x')
    expect(deliveryOutcome('push', { started: false, reason: 'pipeline_invalid', message: 'needs a deploy', branch: 'main' }, null))
      .toBe('pipeline invalid on main: needs a deploy')
  })

  it("quotes a ping's zen, and prefers the error of a failed delivery", () => {
    expect(deliveryOutcome('ping', { zen: 'Keep it logically awesome.', hook_id: 1 }, null)).toBe('ping: “Keep it logically awesome.”')
    expect(deliveryOutcome('ping', null, null)).toBe('ping received')
    expect(deliveryOutcome('push', { started: true }, 'database unavailable')).toBe('database unavailable')
    expect(deliveryOutcome('pull_request', { action: 'opened' }, null)).toBe('')
  })
})
