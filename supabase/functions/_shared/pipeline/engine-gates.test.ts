import { describe, expect, it } from 'vitest'
import { applyTransitions, cancel, progress, tick } from './engine.ts'
import { execution, moves, simulated, statuses, step, T0 } from './fixtures.ts'

const gated = (gate: Record<string, unknown> = { environment: 'prod', required_approvals: 2 }) => execution(
  [['src', 'source'], ['b', 'build', simulated(100)], ['stg', 'deploy', { environment: 'staging' }],
    ['gate', 'approval', gate], ['prod', 'deploy', { environment: 'prod', strategy: 'canary' }]],
  [['src', 'b'], ['b', 'stg'], ['stg', 'gate'], ['gate', 'prod']],
)

/** The gated run, ticked up to the point where it waits on the gate. */
const atGate = () => step(step(gated(), { now: T0 }).state, { now: T0 + 100 })

describe('approval gates', () => {
  it('opens an approval request and pauses the run while the gate waits', () => {
    const { state, transitions } = atGate()
    expect(moves(transitions).slice(-2)).toEqual(['gate:pending→waiting', 'execution:running→paused'])
    expect(transitions.find((t) => t.nodeId === 'gate')?.effects).toEqual([{
      type: 'request_approval', nodeId: 'gate', environment: 'prod', required_approvals: 2, expires_at: null,
    }])
    expect(statuses(state)).toMatchObject({ stg: 'success', gate: 'waiting', prod: 'pending' })
    expect(state.status).toBe('paused')
    expect(state.nodes.find((n) => n.id === 'gate')?.started_at).toBe(new Date(T0 + 100).toISOString())
  })

  it('stays paused, changing nothing, while no decision arrives', () => {
    expect(tick(atGate().state, { now: T0 + 3_600_000 })).toEqual([])
  })

  it('ignores a decision for a node that is not waiting', () => {
    const { state } = atGate()
    expect(tick(state, { now: T0 + 200, decisions: [{ nodeId: 'prod', approved: true }] })).toEqual([])
  })

  it('resumes and deploys to prod when approved', () => {
    const { state, transitions } = step(atGate().state, {
      now: T0 + 500, decisions: [{ nodeId: 'gate', approved: true, comment: 'ship it' }],
    })
    expect(moves(transitions)).toEqual([
      'gate:waiting→success', 'prod:pending→running', 'prod:running→success', 'execution:paused→success',
    ])
    expect(transitions[0]).toMatchObject({
      reason: 'approved', detail: 'ship it', effects: [{ type: 'close_approval', nodeId: 'gate', outcome: 'approved' }],
    })
    expect(transitions[2].effects).toEqual([
      { type: 'record_deployment', nodeId: 'prod', environment: 'prod', version: 'v1.2.3', strategy: 'canary' },
    ])
    expect(state.status).toBe('success')
  })

  it('fails the gate, skips the prod deploy and fails the run when rejected', () => {
    const { state, transitions } = step(atGate().state, {
      now: T0 + 500, decisions: [{ nodeId: 'gate', approved: false, comment: 'not on a Friday' }],
    })
    expect(moves(transitions)).toEqual(['gate:waiting→failed', 'prod:pending→skipped', 'execution:paused→failed'])
    expect(transitions[0]).toMatchObject({ reason: 'rejected', detail: 'not on a Friday' })
    expect(transitions.flatMap((t) => t.effects)).toEqual([{ type: 'close_approval', nodeId: 'gate', outcome: 'rejected' }])
    expect(state.status).toBe('failed')
  })

  it('goes from paused back to running when the approved deploy takes time', () => {
    const slow = execution(
      [['src', 'source'], ['b', 'build'], ['gate', 'approval'], ['prod', 'deploy', { environment: 'prod', duration_ms: 1000 }]],
      [['src', 'b'], ['b', 'gate'], ['gate', 'prod']],
    )
    const paused = step(slow, { now: T0 }).state
    expect(paused.status).toBe('paused')
    const resumed = tick(paused, { now: T0 + 10, decisions: [{ nodeId: 'gate', approved: true }] })
    expect(moves(resumed)).toEqual(['gate:waiting→success', 'prod:pending→running', 'execution:paused→running'])
    expect(resumed.at(-1)?.reason).toBe('resumed')
  })

  it('applies a decision once even when it is handed to two ticks', () => {
    const decided = step(atGate().state, { now: T0 + 500, decisions: [{ nodeId: 'gate', approved: true }] }).state
    expect(tick(decided, { now: T0 + 500, decisions: [{ nodeId: 'gate', approved: true }] })).toEqual([])
  })

  it('expires a gate after its timeout', () => {
    const { state } = step(step(gated({ timeout_minutes: 30 }), { now: T0 }).state, { now: T0 + 100 })
    const gate = state.nodes.find((n) => n.id === 'gate')!
    expect(gate.status).toBe('waiting')
    expect(tick(state, { now: T0 + 100 + 30 * 60_000 - 1 })).toEqual([])
    const expired = tick(state, { now: T0 + 100 + 30 * 60_000 })
    expect(moves(expired)).toEqual(['gate:waiting→failed', 'prod:pending→skipped', 'execution:paused→failed'])
    expect(expired[0]).toMatchObject({ reason: 'approval_expired', effects: [{ type: 'close_approval', nodeId: 'gate', outcome: 'expired' }] })
  })

  it('says when the request expires', () => {
    const { transitions } = step(step(gated({ timeout_minutes: 30 }), { now: T0 }).state, { now: T0 + 100 })
    const request = transitions.flatMap((t) => t.effects).find((e) => e.type === 'request_approval')
    expect(request).toMatchObject({ required_approvals: 1, environment: null, expires_at: new Date(T0 + 100 + 1_800_000).toISOString() })
  })

  it('keeps the run running (not paused) while another branch still works', () => {
    const s = execution(
      [['src', 'source'], ['b', 'build'], ['gate', 'approval'], ['slow', 'test', simulated(1000)], ['d', 'deploy']],
      [['src', 'b'], ['b', 'gate'], ['b', 'slow'], ['gate', 'd'], ['slow', 'd']],
    )
    const first = step(s, { now: T0 }).state
    expect(statuses(first)).toMatchObject({ gate: 'waiting', slow: 'running' })
    expect(first.status).toBe('running')
    const second = step(first, { now: T0 + 1000 })
    expect(moves(second.transitions)).toEqual(['slow:running→success', 'execution:running→paused'])
  })
})

describe('cancel', () => {
  it('cancels every unfinished node mid-run, then the run, leaving finished ones alone', () => {
    const s = execution(
      [['src', 'source'], ['a', 'build', simulated(50)], ['b', 'test', simulated(500)], ['gate', 'approval'],
        ['d', 'deploy']],
      [['src', 'a'], ['src', 'b'], ['a', 'gate'], ['b', 'd'], ['gate', 'd']],
    )
    const mid = step(step(s, { now: T0 }).state, { now: T0 + 50 }).state
    expect(statuses(mid)).toMatchObject({ a: 'success', b: 'running', gate: 'waiting', d: 'pending' })
    const transitions = cancel(mid, { now: T0 + 60 })
    expect(moves(transitions)).toEqual([
      'b:running→cancelled', 'gate:waiting→cancelled', 'd:pending→cancelled', 'execution:running→cancelled',
    ])
    expect(transitions.flatMap((t) => t.effects)).toEqual([{ type: 'close_approval', nodeId: 'gate', outcome: 'cancelled' }])
    const after = applyTransitions(mid, transitions)
    expect(statuses(after)).toEqual({ src: 'success', a: 'success', b: 'cancelled', gate: 'cancelled', d: 'cancelled' })
    expect(after.status).toBe('cancelled')
  })

  it('leaves a cancelled run alone: ticks and a second cancel do nothing', () => {
    const s = step(execution([['src', 'source'], ['b', 'build', simulated(500)]], [['src', 'b']]), { now: T0 }).state
    const cancelled = applyTransitions(s, cancel(s, { now: T0 + 1 }))
    expect(cancelled.status).toBe('cancelled')
    expect(statuses(cancelled)).toEqual({ src: 'success', b: 'cancelled' })
    expect(progress(cancelled)).toBe(100)
    expect(tick(cancelled, { now: T0 + 1000 })).toEqual([])
    expect(cancel(cancelled, { now: T0 + 1000 })).toEqual([])
  })

  it('cancels a queued run before anything starts', () => {
    const s = execution([['src', 'source'], ['b', 'build']], [['src', 'b']])
    expect(moves(cancel(s, { now: T0 }))).toEqual(['src:pending→cancelled', 'b:pending→cancelled', 'execution:queued→cancelled'])
  })
})
