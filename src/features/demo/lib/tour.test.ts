import { describe, expect, it } from 'vitest'
import { stepState, tourPosition, type TourRun } from './tour.ts'

const run = (status: string, attempt = 1, rerun_of_id: string | null = null, id = `r${attempt}`): TourRun => ({ id, status, attempt, rerun_of_id })
const none = { approval: null, rolledBack: false }

describe('tourPosition', () => {
  it('walks the six steps from the rows the sandbox holds', () => {
    expect(tourPosition({ runs: [], ...none })).toMatchObject({ step: 'run', actionable: true })
    expect(tourPosition({ runs: [run('running')], ...none })).toMatchObject({ step: 'fail', actionable: false })
    expect(tourPosition({ runs: [run('failed')], ...none })).toMatchObject({ step: 'rerun', actionable: true })
    const rerun = (status: string) => [run(status, 2, 'r1'), run('failed')]
    expect(tourPosition({ runs: rerun('running'), ...none })).toMatchObject({ step: 'approve', actionable: false })
    expect(tourPosition({ runs: rerun('paused'), approval: { id: 'a', status: 'pending' }, rolledBack: false })).toMatchObject({ step: 'approve', actionable: true })
    expect(tourPosition({ runs: rerun('running'), approval: { id: 'a', status: 'approved' }, rolledBack: false })).toMatchObject({ step: 'deploy', actionable: false })
    expect(tourPosition({ runs: rerun('success'), approval: { id: 'a', status: 'approved' }, rolledBack: false })).toMatchObject({ step: 'rollback', actionable: true })
    expect(tourPosition({ runs: rerun('success'), approval: { id: 'a', status: 'approved' }, rolledBack: true }).step).toBe('done')
  })

  it('offers a fresh run when a run ends some other way (cancelled, or a rerun that failed)', () => {
    expect(tourPosition({ runs: [run('cancelled')], ...none }).step).toBe('run')
    expect(tourPosition({ runs: [run('failed', 2, 'r1'), run('failed')], ...none }).step).toBe('run')
  })
})

describe('stepState', () => {
  it('marks steps before the current one done and after it upcoming', () => {
    expect([stepState('run', 'rerun'), stepState('rerun', 'rerun'), stepState('approve', 'rerun')]).toEqual(['done', 'current', 'upcoming'])
    expect(stepState('rollback', 'done')).toBe('done')
  })
})
