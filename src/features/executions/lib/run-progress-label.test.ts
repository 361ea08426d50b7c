import { describe, expect, it } from 'vitest'
import { progressOf, runProgressView } from './run-progress-label.ts'

describe('runProgressView', () => {
  it('says a cancelled or failed run stopped, never a bare percentage', () => {
    expect(runProgressView('cancelled', 100)).toEqual({ text: 'Cancelled', value: 100, tone: 'stopped' })
    expect(runProgressView('cancelled', 40).text).toBe('Cancelled')
    expect(runProgressView('failed', 60)).toEqual({ text: 'Failed', value: 60, tone: 'failed' })
  })

  it('shows the percentage of a run that is still going, and where a paused run stands', () => {
    expect(runProgressView('running', 6)).toEqual({ text: '6%', value: 6, tone: 'active' })
    expect(runProgressView('paused', 50).text).toBe('Paused at 50%')
    expect(runProgressView('queued', 0).text).toBe('Queued')
  })

  it('fills the bar of a finished run and says how it finished', () => {
    expect(runProgressView('success', 100)).toEqual({ text: 'Done', value: 100, tone: 'done' })
    expect(runProgressView('warning', 100).text).toBe('Done, with warnings')
  })

  it('keeps the bar within 0–100', () => {
    expect(runProgressView('running', 140).value).toBe(100)
    expect(runProgressView('running', -3).value).toBe(0)
  })
})

describe('progressOf', () => {
  it('counts finished nodes of every kind of ending, as the engine does', () => {
    expect(progressOf([{ status: 'success' }, { status: 'skipped' }, { status: 'running' }, { status: 'pending' }])).toBe(50)
    expect(progressOf([{ status: 'cancelled' }, { status: 'failed' }, { status: 'warning' }])).toBe(100)
    expect(progressOf([])).toBeNull()
  })
})
