import { describe, expect, it } from 'vitest'
import { chainProblems, DEFAULT_CHAIN } from './default-chain.ts'
import { completeStep, hasSavedState, initialState, isOpen, readState, writeState } from './onboarding.ts'

const ORG = 'org-1'

describe('onboarding state', () => {
  it('starts at Connect GitHub and walks the steps in order, done or skipped', () => {
    let state = initialState()
    expect(state.step).toBe('github')
    state = completeStep(state, 'github', 'skipped')
    state = completeStep(state, 'environments', 'done')
    expect(state).toMatchObject({ step: 'team', done: ['environments'], skipped: ['github'], closedAt: null })
    state = completeStep(state, 'team', 'done')
    expect(state.step).toBe('review')
    expect(isOpen(state)).toBe(true)
    state = completeStep(state, 'review', 'done', new Date('2026-12-04T10:00:00Z'))
    expect(state.closedAt).toBe('2026-12-04T10:00:00.000Z')
    expect(isOpen(state)).toBe(false)
  })

  it('records a step done after it was skipped only once, as done', () => {
    const state = completeStep(completeStep(initialState(), 'github', 'skipped'), 'github', 'done')
    expect(state).toMatchObject({ done: ['github'], skipped: [] })
  })

  it('resumes from the saved step and keeps other organizations and other preferences', () => {
    const saved = writeState({ theme: 'dark', onboarding: { other: { step: 'team' } } }, ORG, { ...initialState(), step: 'environments', projectId: 'p1' })
    expect(saved.theme).toBe('dark')
    expect(readState(saved, 'other').step).toBe('team')
    expect(readState(saved, ORG)).toMatchObject({ step: 'environments', projectId: 'p1' })
  })

  it('treats missing or malformed saved state as a fresh start', () => {
    expect(readState(null, ORG)).toEqual(initialState())
    expect(readState({ onboarding: { [ORG]: { step: 'launch', done: ['github', 7], projectId: 3 } } }, ORG))
      .toEqual({ ...initialState(), done: ['github'] })
  })
})

describe('environment chain', () => {
  it('accepts the default chain', () => {
    expect(chainProblems(DEFAULT_CHAIN)).toEqual([])
  })

  it('says what is wrong with each environment', () => {
    expect(chainProblems([
      { ...DEFAULT_CHAIN[0], key: 'Dev 1' },
      { ...DEFAULT_CHAIN[1], key: 'uat' },
      { ...DEFAULT_CHAIN[2], key: 'uat', display_name: ' ', required_approvals: 51 },
    ])).toEqual([
      'Environment 1: the key must start with a letter and use only a-z, 0-9, - and _ (e.g. qa).',
      'Environment 3: the key uat is used twice.',
      'Environment 3: give it a display name.',
      'Environment 3: required approvals must be a whole number from 0 to 50.',
    ])
    expect(chainProblems([])).toEqual(['Add at least one environment, or skip this step.'])
  })
})

describe('whether setup was started', () => {
  it('is false until the organization has saved state, whatever other organizations have', () => {
    expect(hasSavedState({}, ORG)).toBe(false)
    const saved = writeState({}, 'other', initialState())
    expect(hasSavedState(saved, ORG)).toBe(false)
    expect(hasSavedState(writeState(saved, ORG, initialState()), ORG)).toBe(true)
  })
})
