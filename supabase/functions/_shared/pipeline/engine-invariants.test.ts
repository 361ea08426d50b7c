import { describe, expect, it } from 'vitest'
import { applyTransitions, cancel, tick } from './engine.ts'
import { execution, simulated, T0, type EdgeSpec, type NodeSpec } from './fixtures.ts'
import { EXECUTION_TRANSITIONS, NODE_TRANSITIONS, isNodeFinished } from './statuses.ts'
import type { ExecutionSnapshot, Transition } from './engine-types.ts'
import type { EdgeCondition, StepOutcome } from './kinds.ts'

/** A small deterministic PRNG so every run of the suite checks the same graphs. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32
    return seed / 2 ** 32
  }
}

/** A random DAG: a source, then work stages, gates, deploys and waits wired forward only. */
function randomExecution(seed: number): ExecutionSnapshot {
  const rand = prng(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
  const size = 3 + Math.floor(rand() * 10)
  const nodes: NodeSpec[] = [['n0', 'source']]
  const edges: EdgeSpec[] = []
  for (let i = 1; i < size; i++) {
    const kind = pick(['build', 'test', 'security_scan', 'approval', 'deploy', 'wait', 'checkpoint', 'notify'] as const)
    const outcome = pick<StepOutcome>(['success', 'success', 'warning', 'failure'])
    const config = kind === 'build' || kind === 'test' || kind === 'security_scan' ? simulated(Math.floor(rand() * 3) * 100, outcome)
      : kind === 'deploy' ? { environment: pick(['dev', 'staging', 'prod']), duration_ms: Math.floor(rand() * 2) * 100 }
        : kind === 'wait' ? { duration_ms: 100 } : kind === 'notify' ? { message: 'hi' } : {}
    nodes.push([`n${i}`, kind, config])
    const parents = new Set([Math.floor(rand() * i), Math.floor(rand() * i)])
    for (const p of parents) edges.push([`n${p}`, `n${i}`, pick<EdgeCondition>(['success', 'success', 'success', 'failure', 'always'])])
  }
  return execution(nodes, edges)
}

/** Applies transitions one by one, insisting each `from` matches, as a conditional update would on first try. */
function applyStrictly(state: ExecutionSnapshot, transitions: readonly Transition[]): ExecutionSnapshot {
  for (const t of transitions) {
    if (t.scope === 'node') {
      const node = state.nodes.find((n) => n.id === t.nodeId)!
      expect(node.status, `${t.nodeId} ${t.from}→${t.to}`).toBe(t.from)
      expect(NODE_TRANSITIONS[t.from]).toContain(t.to)
    } else {
      expect(state.status).toBe(t.from)
      expect(EXECUTION_TRANSITIONS[t.from]).toContain(t.to)
    }
    state = applyTransitions(state, [t])
  }
  return state
}

function decideGates(state: ExecutionSnapshot, rand: () => number) {
  return state.nodes.filter((n) => n.status === 'waiting').map((n) => ({ nodeId: n.id, approved: rand() < 0.7 }))
}

describe('engine invariants over 200 random pipelines', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => i + 1)

  it('always finishes, with legal transitions only, each applying exactly once, and is idempotent at every tick', () => {
    for (const seed of seeds) {
      const rand = prng(seed * 7)
      let state = randomExecution(seed)
      const effects: string[] = []
      for (let at = 0; at <= 2000 && state.status !== 'success' && state.status !== 'failed' && state.status !== 'warning'; at += 100) {
        const input = { now: T0 + at, decisions: decideGates(state, rand) }
        const transitions = tick(state, input)
        state = applyStrictly(state, transitions)
        effects.push(...transitions.flatMap((t) => t.effects.map((e) => `${e.type}:${e.nodeId}`)))
        expect(tick(state, input), `seed ${seed} at ${at}`).toEqual([])
      }
      expect(['success', 'failed', 'warning'], `seed ${seed}`).toContain(state.status)
      expect(state.nodes.every((n) => isNodeFinished(n.status)), `seed ${seed}`).toBe(true)
      expect(new Set(effects).size, `seed ${seed}: an effect happened twice`).toBe(effects.length)
      const deployed = state.nodes.filter((n) => n.kind === 'deploy' && n.status === 'success').map((n) => `record_deployment:${n.id}`)
      expect(effects.filter((e) => e.startsWith('record_deployment')).sort()).toEqual(deployed.sort())
    }
  })

  it('cancels cleanly at any point of any run', () => {
    for (const seed of seeds.slice(0, 50)) {
      let state = randomExecution(seed)
      state = applyStrictly(state, tick(state, { now: T0 }))
      if (state.status === 'success' || state.status === 'failed' || state.status === 'warning') continue
      state = applyStrictly(state, cancel(state, { now: T0 + 50 }))
      expect(state.status).toBe('cancelled')
      expect(state.nodes.every((n) => isNodeFinished(n.status))).toBe(true)
      expect(tick(state, { now: T0 + 5000 })).toEqual([])
    }
  })
})
