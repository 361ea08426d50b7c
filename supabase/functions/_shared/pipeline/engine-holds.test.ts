import { describe, expect, it } from 'vitest'
import { applyTransitions, cancel, tick } from './engine.ts'
import { execution, T0 } from './fixtures.ts'

describe('deploys held by a locked or frozen environment', () => {
  const s = execution([['src', 'source'], ['d', 'deploy', { environment: 'prod', duration_ms: 500 }]], [['src', 'd']])
  const hold = { nodeId: 'd', message: 'waiting for lock on prod (position 1): environment prod is locked: incident' }

  it('queue instead of running, and the run pauses', () => {
    const t = tick(s, { now: T0, holds: [hold] })
    expect(t.find((x) => x.nodeId === 'd')).toMatchObject({
      from: 'pending', to: 'waiting', reason: 'waiting_for_environment', detail: hold.message,
      effects: [{ type: 'enqueue_deploy', nodeId: 'd', environment: 'prod', message: hold.message }],
    })
    expect(t.at(-1)).toMatchObject({ scope: 'execution', from: 'running', to: 'paused', reason: 'awaiting_environment' })
  })

  it('stay queued while held, then leave the queue and deploy after their own duration', () => {
    const queued = applyTransitions(s, tick(s, { now: T0, holds: [hold] }))
    expect(tick(queued, { now: T0 + 60_000, holds: [hold] })).toEqual([])
    const released = tick(queued, { now: T0 + 60_000 })
    expect(released.find((x) => x.nodeId === 'd')).toMatchObject({
      from: 'waiting', to: 'running', reason: 'environment_open', effects: [{ type: 'dequeue_deploy', nodeId: 'd', environment: 'prod' }],
    })
    // The rollout clock started at the release: no deployment yet.
    expect(released.some((x) => x.nodeId === 'd' && x.to === 'success')).toBe(false)
    const running = applyTransitions(queued, released)
    expect(tick(running, { now: T0 + 60_500 }).find((x) => x.nodeId === 'd')).toMatchObject({
      from: 'running', to: 'success', effects: [{ type: 'record_deployment', environment: 'prod' }],
    })
  })

  it('send a deploy that is mid-rollout back to the queue when a lock arrives', () => {
    const running = applyTransitions(s, tick(s, { now: T0 }))
    expect(running.nodes.find((n) => n.id === 'd')!.status).toBe('running')
    expect(tick(running, { now: T0 + 100, holds: [hold] }).find((x) => x.nodeId === 'd')).toMatchObject({ from: 'running', to: 'waiting' })
  })

  it('cancel a queued deploy without touching approvals', () => {
    const queued = applyTransitions(s, tick(s, { now: T0, holds: [hold] }))
    expect(cancel(queued, { now: T0 + 1 }).find((x) => x.nodeId === 'd')).toMatchObject({ to: 'cancelled', effects: [] })
  })

  it('ignore holds for other kinds', () => {
    expect(tick(s, { now: T0, holds: [{ nodeId: 'src', message: 'no' }] }).find((x) => x.nodeId === 'src')).toMatchObject({ to: 'running' })
  })
})
