import { describe, expect, it } from 'vitest'
import { failureSentence, reasonSentence } from './reason-sentences.ts'

describe('reasonSentence', () => {
  it('turns the engine codes users saw raw into sentences', () => {
    expect(reasonSentence('simulated_finished')).toBe('The simulated step finished with its configured outcome (nothing real ran).')
    expect(reasonSentence('path_not_taken')).toBe('Skipped: the path leading here was not taken.')
    expect(reasonSentence('awaiting_approval')).toBe('Paused: waiting for approvals.')
  })

  it('keeps the detail after the code as its own sentence', () => {
    expect(reasonSentence('approved: Error budget is healthy')).toBe('Approved: Error budget is healthy.')
    expect(reasonSentence('cancelled: superseded by 1.93.0 (refund rounding hotfix)')).toBe('Cancelled: Superseded by 1.93.0 (refund rounding hotfix)')
    expect(reasonSentence('deploy_refused: prod needs an approved request')).toBe('The deployment was refused: Prod needs an approved request.')
  })

  it('shows an unknown text as a sentence rather than dropping it', () => {
    expect(reasonSentence('operator asked to stop')).toBe('Operator asked to stop.')
    expect(reasonSentence('Manual retry.')).toBe('Manual retry.')
  })

  it('never shows a snake_case code for any reason the engine writes', () => {
    const codes = ['ready', 'completed', 'external_result', 'approval_expired', 'deployed', 'environment_locked', 'invalid_config',
      'unknown_kind', 'waited', 'workflow_finished', 'dispatch_failed', 'timed_out', 'waiting_for_environment', 'environment_open',
      'blocked_by_cycle', 'rejected', 'started', 'awaiting_environment', 'resumed', 'finished']
    for (const code of codes) expect(reasonSentence(code)).not.toMatch(/[a-z]_[a-z]/)
  })
})

describe('failureSentence', () => {
  it('translates the reason code at the end of a run\'s error message', () => {
    expect(failureSentence('Node "Unit tests" failed: simulated_finished'))
      .toBe('Node "Unit tests" failed: the simulated step finished with its configured outcome (nothing real ran).')
  })

  it('leaves a message with words in it as it is', () => {
    expect(failureSentence('Node "Deploy" failed: prod is locked by Ada')).toBe('Node "Deploy" failed: prod is locked by Ada')
  })
})
