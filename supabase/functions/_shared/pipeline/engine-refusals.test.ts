import { describe, expect, it } from 'vitest'
import { tick } from './engine.ts'
import { execution, T0 } from './fixtures.ts'

describe('refusals from the deploy guard', () => {
  const s = execution([['src', 'source'], ['b', 'build'], ['d', 'deploy', { environment: 'prod', duration_ms: 500 }],
    ['rb', 'rollback', { environment: 'prod' }]], [['src', 'b'], ['b', 'd'], ['d', 'rb', 'failure']])

  it('fail a refused deploy with the guard\'s words, before its duration, and run the failure path', () => {
    const t = tick(s, { now: T0, refusals: [{ nodeId: 'd', message: 'environment prod is locked: incident' }] })
    expect(t.find((x) => x.nodeId === 'd' && x.from === 'running')).toMatchObject({
      to: 'failed', reason: 'deploy_refused', detail: 'environment prod is locked: incident', effects: [],
    })
    expect(t.find((x) => x.nodeId === 'rb' && x.from === 'running')).toMatchObject({ to: 'success' })
  })

  it('fail a refused rollback too, and ignore refusals for other kinds', () => {
    const t = tick(s, { now: T0, refusals: [{ nodeId: 'd', message: 'locked' }, { nodeId: 'rb', message: 'frozen' }, { nodeId: 'b', message: 'ignored' }] })
    expect(t.find((x) => x.nodeId === 'b' && x.from === 'running')).toMatchObject({ to: 'success' })
    expect(t.find((x) => x.nodeId === 'rb' && x.from === 'running')).toMatchObject({ to: 'failed', reason: 'deploy_refused', detail: 'frozen', effects: [] })
  })
})
