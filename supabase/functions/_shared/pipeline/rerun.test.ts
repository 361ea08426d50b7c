import { describe, expect, it } from 'vitest'
import { tick } from './engine.ts'
import { planRerun, rerunSnapshot } from './rerun.ts'
import { execution, moves, simulated, statuses, step, T0 } from './fixtures.ts'
import type { ExecutionSnapshot } from './engine-types.ts'

/** source → build → cp1 → test → cp2 → scan → deploy, with a lint branch beside the build. */
const pipeline = (scan: 'success' | 'failure' = 'failure') => execution(
  [['src', 'source'], ['build', 'build', simulated(10)], ['lint', 'test', simulated(10)], ['cp1', 'checkpoint'],
    ['test', 'test', simulated(10)], ['cp2', 'checkpoint', { label: 'tested' }], ['scan', 'security_scan', simulated(10, scan)],
    ['deploy', 'deploy']],
  [['src', 'build'], ['src', 'lint'], ['build', 'cp1'], ['cp1', 'test'], ['test', 'cp2'], ['cp2', 'scan'], ['scan', 'deploy'],
    ['lint', 'deploy']],
)

function runToEnd(s: ExecutionSnapshot): ExecutionSnapshot {
  for (let at = 0; at <= 100; at += 10) s = step(s, { now: T0 + at }).state
  return s
}

describe('planRerun', () => {
  it('reuses the last passed checkpoint and everything before it, reruns the rest', () => {
    const failed = runToEnd(pipeline())
    expect(failed.status).toBe('failed')
    const result = planRerun(failed)
    expect(result).toEqual({
      ok: true,
      plan: { checkpointId: 'cp2', reused: ['src', 'build', 'cp1', 'test', 'cp2'], rerun: ['lint', 'scan', 'deploy'] },
    })
  })

  it('reruns from an earlier checkpoint when asked', () => {
    const result = planRerun(runToEnd(pipeline()), 'cp1')
    expect(result.ok && result.plan).toEqual({ checkpointId: 'cp1', reused: ['src', 'build', 'cp1'], rerun: ['lint', 'test', 'cp2', 'scan', 'deploy'] })
  })

  it('refuses a run that has not finished, one without a passed checkpoint, or a checkpoint that did not pass', () => {
    const running = step(pipeline(), { now: T0 }).state
    expect(planRerun(running)).toEqual({ ok: false, reason: 'not_finished' })
    const early = execution([['src', 'source'], ['b', 'build', simulated(0, 'failure')], ['cp', 'checkpoint'], ['d', 'deploy']],
      [['src', 'b'], ['b', 'cp'], ['cp', 'd']])
    const failedEarly = step(early, { now: T0 }).state
    expect(failedEarly.status).toBe('failed')
    expect(planRerun(failedEarly)).toEqual({ ok: false, reason: 'no_checkpoint' })
    expect(planRerun(failedEarly, 'cp')).toEqual({ ok: false, reason: 'checkpoint_not_passed' })
    expect(planRerun(runToEnd(pipeline()), 'scan')).toEqual({ ok: false, reason: 'checkpoint_not_passed' })
  })
})

describe('rerunSnapshot', () => {
  it('starts a new attempt that carries results over and runs only what is left', () => {
    const failed = runToEnd(pipeline())
    const result = planRerun(failed)
    if (!result.ok) throw new Error(result.reason)
    const next = rerunSnapshot(failed, result.plan)
    expect(next.status).toBe('queued')
    const cp2 = next.nodes.find((n) => n.id === 'cp2')!
    const before = failed.nodes.find((n) => n.id === 'cp2')!
    expect(cp2).toEqual({ ...before, reused: true })
    expect(next.nodes.find((n) => n.id === 'scan')).toMatchObject({ status: 'pending', started_at: null, finished_at: null, attempt: 2, reused: false })

    const first = tick(next, { now: T0 + 1000 })
    expect(moves(first)).toEqual(['execution:queued→running', 'lint:pending→running', 'scan:pending→running'])
    expect(first.some((t) => t.nodeId === 'build' || t.nodeId === 'cp2')).toBe(false)
  })

  it('finishes the rerun with the reused results counted', () => {
    const failed = runToEnd(pipeline())
    const result = planRerun(failed)
    if (!result.ok) throw new Error(result.reason)
    const fixed = rerunSnapshot(failed, result.plan)
    fixed.nodes = fixed.nodes.map((n) => n.id === 'scan' ? { ...n, config: simulated(10) } : n)
    let s = step(fixed, { now: T0 + 1000 }).state
    s = step(s, { now: T0 + 1010 }).state
    expect(statuses(s)).toEqual({
      src: 'success', build: 'success', lint: 'success', cp1: 'success', test: 'success', cp2: 'success', scan: 'success', deploy: 'success',
    })
    expect(s.status).toBe('success')
  })
})
