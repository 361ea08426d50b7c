import { describe, expect, it } from 'vitest'
import { applyTransitions, deriveExecutionStatus, progress, tick } from './engine.ts'
import { execution, moves, simulated, statuses, step, T0 } from './fixtures.ts'
import type { ExecutionSnapshot } from './engine-types.ts'

const linear = () => execution(
  [['src', 'source'], ['build', 'build', simulated(1000, 'success', ['npm ci', 'vite build'])],
    ['deploy', 'deploy', { environment: 'staging', strategy: 'rolling' }]],
  [['src', 'build'], ['build', 'deploy']],
)

/** Ticks at each time in turn and returns the final state. */
function runAt(snapshot: ExecutionSnapshot, times: number[]): ExecutionSnapshot {
  return times.reduce((s, at) => step(s, { now: T0 + at }).state, snapshot)
}

describe('tick: a linear run', () => {
  it('starts the run, finishes the instant source and starts the timed build', () => {
    const { state, transitions } = step(linear(), { now: T0 })
    expect(moves(transitions)).toEqual([
      'execution:queued→running', 'src:pending→running', 'src:running→success', 'build:pending→running',
    ])
    expect(transitions.every((t) => t.at === new Date(T0).toISOString())).toBe(true)
    expect(state.nodes.find((n) => n.id === 'build')?.started_at).toBe(new Date(T0).toISOString())
    expect(progress(state)).toBe(33)
  })

  it('keeps a simulated step running until its duration has elapsed', () => {
    const started = step(linear(), { now: T0 }).state
    expect(tick(started, { now: T0 + 999 })).toEqual([])
  })

  it('finishes the step with its configured outcome and logs, then deploys and finishes the run', () => {
    const started = step(linear(), { now: T0 }).state
    const { state, transitions } = step(started, { now: T0 + 1000 })
    expect(moves(transitions)).toEqual([
      'build:running→success', 'deploy:pending→running', 'deploy:running→success', 'execution:running→success',
    ])
    expect(transitions[0]).toMatchObject({
      reason: 'simulated_finished',
      effects: [{ type: 'write_logs', nodeId: 'build', lines: ['npm ci', 'vite build', '[simulated] build finished: success'] }],
    })
    expect(transitions[2]).toMatchObject({
      reason: 'deployed',
      effects: [{ type: 'record_deployment', nodeId: 'deploy', environment: 'staging', version: 'v1.2.3', strategy: 'rolling' }],
    })
    expect(state.status).toBe('success')
    expect(progress(state)).toBe(100)
  })

  it.each([['failure', 'failed'], ['warning', 'warning']] as const)('maps a simulated %s outcome to %s', (outcome, status) => {
    const s = execution([['src', 'source'], ['t', 'test', simulated(10, outcome)]], [['src', 't']])
    const end = runAt(s, [0, 10])
    expect(statuses(end).t).toBe(status)
    expect(end.status).toBe(status)
  })

  it('fails a flaky simulated step on its first attempts only (fail_attempts), so a rerun of it passes', () => {
    const flaky = { executor: { ...simulated(10, 'success').executor, fail_attempts: 1 } }
    const first = execution([['src', 'source'], ['t', 'test', flaky]], [['src', 't']])
    expect(runAt(first, [0, 10]).status).toBe('failed')
    const second = { ...first, nodes: first.nodes.map((n) => ({ ...n, attempt: 2 })) }
    expect(runAt(second, [0, 10]).status).toBe('success')
  })

  it('does nothing for a finished execution', () => {
    const done = runAt(linear(), [0, 1000])
    expect(tick(done, { now: T0 + 5000 })).toEqual([])
  })

  it('fails a node whose config does not match its kind, saying why', () => {
    const s = execution([['src', 'source'], ['b', 'build', { executor: { type: 'simulated', duration_ms: 'soon' } }]], [['src', 'b']])
    const t = tick(s, { now: T0 }).find((x) => x.nodeId === 'b' && x.to === 'failed')
    expect(t).toMatchObject({ reason: 'invalid_config', detail: expect.stringContaining('duration_ms') })
  })

  it('waits a wait node out', () => {
    const s = execution([['src', 'source'], ['w', 'wait', { duration_ms: 500 }]], [['src', 'w']])
    expect(statuses(runAt(s, [0, 499])).w).toBe('running')
    expect(runAt(s, [0, 500]).status).toBe('success')
  })

  it('finishes a running work stage from an external result', () => {
    const s = step(execution([['src', 'source'], ['b', 'build', simulated(60_000)]], [['src', 'b']]), { now: T0 }).state
    const t = tick(s, { now: T0 + 10, results: [{ nodeId: 'b', outcome: 'failure' }] })
    expect(moves(t)).toEqual(['b:running→failed', 'execution:running→failed'])
    expect(t[0].reason).toBe('external_result')
  })
})

describe('tick: idempotence', () => {
  it('yields nothing new when the same tick is applied twice', () => {
    let s = linear()
    for (const at of [0, 500, 1000, 1000]) {
      const first = step(s, { now: T0 + at })
      expect(tick(first.state, { now: T0 + at })).toEqual([])
      s = first.state
    }
  })

  it('ignores a replayed transition whose from no longer matches, like the conditional update', () => {
    const first = tick(linear(), { now: T0 })
    const once = applyTransitions(linear(), first)
    expect(applyTransitions(once, first)).toEqual(once)
  })

  it('computes the same transitions from the same snapshot (two instances racing agree)', () => {
    expect(tick(linear(), { now: T0 })).toEqual(tick(linear(), { now: T0 }))
  })
})

describe('tick: diamonds and joins', () => {
  const diamond = (right = simulated(300)) => execution(
    [['src', 'source'], ['split', 'parallel_group'], ['left', 'test', simulated(100)], ['right', 'security_scan', right],
      ['join', 'checkpoint'], ['deploy', 'deploy']],
    [['src', 'split'], ['split', 'left'], ['split', 'right'], ['left', 'join'], ['right', 'join'], ['join', 'deploy']],
  )

  it('runs both branches at once and joins only when both finished', () => {
    const started = step(diamond(), { now: T0 })
    expect(statuses(started.state)).toMatchObject({ split: 'success', left: 'running', right: 'running', join: 'pending' })
    const half = step(started.state, { now: T0 + 100 })
    expect(moves(half.transitions)).toEqual(['left:running→success'])
    const done = step(half.state, { now: T0 + 300 })
    expect(moves(done.transitions)).toEqual([
      'right:running→success', 'join:pending→running', 'join:running→success', 'deploy:pending→running',
      'deploy:running→success', 'execution:running→success',
    ])
    expect(done.transitions[2].effects).toEqual([{ type: 'snapshot_checkpoint', nodeId: 'join', label: null }])
  })

  it('skips the join and everything after it when one branch fails', () => {
    const end = runAt(diamond(simulated(300, 'failure')), [0, 100, 300])
    expect(statuses(end)).toMatchObject({ left: 'success', right: 'failed', join: 'skipped', deploy: 'skipped' })
    expect(end.status).toBe('failed')
    expect(progress(end)).toBe(100)
  })

  it('lets a warning through a success edge and ends the run as warning', () => {
    const end = runAt(diamond(simulated(300, 'warning')), [0, 300])
    expect(statuses(end)).toMatchObject({ right: 'warning', join: 'success', deploy: 'success' })
    expect(end.status).toBe('warning')
  })
})

describe('tick: failure and always edges', () => {
  const withHandlers = (outcome: 'success' | 'failure') => execution(
    [['src', 'source'], ['b', 'build', simulated(10, outcome)], ['d', 'deploy'],
      ['alert', 'notify', { message: 'build broke', channel: 'email' }], ['after', 'wait', { duration_ms: 0 }],
      ['always', 'notify', { message: 'run over' }]],
    [['src', 'b'], ['b', 'd'], ['b', 'alert', 'failure'], ['alert', 'after'], ['b', 'always', 'always']],
  )

  it('takes the failure path when a step fails, skipping the success path', () => {
    const { state, transitions } = step(step(withHandlers('failure'), { now: T0 }).state, { now: T0 + 10 })
    expect(statuses(state)).toMatchObject({ b: 'failed', d: 'skipped', alert: 'success', after: 'success', always: 'success' })
    expect(transitions.find((t) => t.nodeId === 'alert' && t.to === 'success')?.effects)
      .toEqual([{ type: 'notify', nodeId: 'alert', channel: 'email', message: 'build broke' }])
    expect(state.status).toBe('failed')
  })

  it('skips the failure path, and what follows it, when the step succeeds', () => {
    const state = runAt(withHandlers('success'), [0, 10])
    expect(statuses(state)).toMatchObject({ d: 'success', alert: 'skipped', after: 'skipped', always: 'success' })
    expect(state.status).toBe('success')
  })

  it('fires an always edge after a skipped predecessor too', () => {
    const s = execution([['src', 'source'], ['b', 'build', simulated(0, 'failure')], ['d', 'deploy'], ['n', 'notify', { message: 'x' }]],
      [['src', 'b'], ['b', 'd'], ['d', 'n', 'always']])
    expect(statuses(runAt(s, [0]))).toMatchObject({ d: 'skipped', n: 'success' })
  })
})

describe('tick: deploy effects', () => {
  it('records deployments in promotion order, each with its own transition', () => {
    const s = execution(
      [['src', 'source'], ['b', 'build'], ['dev', 'deploy', { environment: 'dev' }],
        ['stg', 'deploy', { environment: 'staging', strategy: 'blue_green' }], ['prod', 'deploy', { environment: 'prod', version: 'v9' }]],
      [['src', 'b'], ['b', 'dev'], ['dev', 'stg'], ['stg', 'prod']],
    )
    const effects = tick(s, { now: T0 }).flatMap((t) => t.effects)
    expect(effects.map((e) => e.type === 'record_deployment' && [e.environment, e.version, e.strategy]).filter(Boolean))
      .toEqual([['dev', 'v1.2.3', 'rolling'], ['staging', 'v1.2.3', 'blue_green'], ['prod', 'v9', 'rolling']])
  })

  it('keeps a deploy running for its duration', () => {
    const s = execution([['src', 'source'], ['b', 'build'], ['d', 'deploy', { environment: 'dev', duration_ms: 200 }]],
      [['src', 'b'], ['b', 'd']])
    expect(statuses(runAt(s, [0, 199])).d).toBe('running')
    expect(statuses(runAt(s, [0, 200])).d).toBe('success')
  })

  it('fails a deploy into a locked environment without recording it, and runs its rollback', () => {
    const s = execution([['src', 'source'], ['b', 'build'], ['d', 'deploy', { environment: 'prod' }],
      ['rb', 'rollback', { environment: 'prod' }]], [['src', 'b'], ['b', 'd'], ['d', 'rb', 'failure']])
    const t = tick(s, { now: T0, lockedEnvironments: ['prod'] })
    expect(t.find((x) => x.nodeId === 'd' && x.from === 'running')).toMatchObject({ to: 'failed', reason: 'environment_locked', detail: 'prod', effects: [] })
    expect(t.flatMap((x) => x.effects).filter((e) => e.type !== 'write_logs')).toEqual([{ type: 'rollback_deployment', nodeId: 'rb', environment: 'prod', to_version: null }])
  })
})

describe('deriveExecutionStatus', () => {
  it('skips nodes stuck behind a cycle instead of running forever', () => {
    const s = execution([['src', 'source'], ['a', 'build'], ['b', 'test']], [['src', 'a'], ['a', 'b'], ['b', 'a']])
    const { state, transitions } = step(s, { now: T0 })
    expect(statuses(state)).toEqual({ src: 'success', a: 'skipped', b: 'skipped' })
    expect(transitions.filter((t) => t.reason === 'blocked_by_cycle')).toHaveLength(2)
    expect(state.status).toBe('success')
  })

  it('leaves a queued execution to the tick that starts it', () => {
    expect(deriveExecutionStatus(linear())).toBe('queued')
  })
})
