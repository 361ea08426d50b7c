import { describe, expect, it } from 'vitest'
import { ENVIRONMENT_ACTIONS, controlState, type ActionDecision } from './environment-actions.ts'

const decision = (allowed: boolean, source: string, reason = 'because'): ActionDecision => ({ action: 'rollback', allowed, source, reason })

describe('controlState', () => {
  it('enables what the database allows, whatever allowed it', () => {
    for (const source of ['role', 'user_allow', 'team_allow']) expect(controlState(decision(true, source))).toEqual({ kind: 'enabled' })
  })

  it('disables with the sentence what an admin denied to the person or their team', () => {
    const reason = "You don't have rollback on prod: an admin denied it to you (incident review)"
    expect(controlState(decision(false, 'user_deny', reason))).toEqual({ kind: 'disabled', reason })
    expect(controlState(decision(false, 'team_deny', 'team sentence'))).toEqual({ kind: 'disabled', reason: 'team sentence' })
  })

  it('hides what was never theirs, and everything until the decisions have loaded', () => {
    expect(controlState(decision(false, 'role'))).toEqual({ kind: 'hidden' })
    expect(controlState(decision(false, 'not_member'))).toEqual({ kind: 'hidden' })
    expect(controlState(undefined)).toEqual({ kind: 'hidden' })
  })
})

describe('ENVIRONMENT_ACTIONS', () => {
  it('lists the enum in the order environment_actions returns it', () => {
    expect(ENVIRONMENT_ACTIONS).toEqual(['view', 'run', 'approve', 'deploy', 'rollback', 'lock', 'break_glass'])
  })
})
