import { describe, expect, it } from 'vitest'
import { simulatedDeploymentsNote } from './simulated-note.ts'

describe('simulatedDeploymentsNote', () => {
  it('says the figures include the simulated deployments, counted', () => {
    expect(simulatedDeploymentsNote(3, 'prod')).toBe('These figures include 3 simulated deployments (prod): recorded by runs whose deploy step has no real executor, so nothing was actually deployed.')
    expect(simulatedDeploymentsNote(1, 'any environment')).toMatch(/^These figures include 1 simulated deployment \(any environment\):/)
  })

  it('says when there are none', () => {
    expect(simulatedDeploymentsNote(0, 'staging')).toBe('No simulated deployments in this window (staging): every deployment counted was performed by a real executor.')
  })
})
