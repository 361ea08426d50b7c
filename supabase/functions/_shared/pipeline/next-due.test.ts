import { describe, expect, it } from 'vitest'
import type { EngineNode } from './engine-types.ts'
import { simulated } from './fixtures.ts'
import { nextDueAt } from './next-due.ts'

const at = (iso: string) => Date.parse(iso)
const node = (id: string, status: EngineNode['status'], config: unknown, started_at: string | null = null): EngineNode =>
  ({ id, kind: 'build', config, status, started_at, finished_at: null, attempt: 1 })

describe('nextDueAt', () => {
  it('is the earliest end of a running timed step', () => {
    const snapshot = {
      status: 'running' as const,
      nodes: [
        node('slow', 'running', simulated(5_000), '2026-12-04T10:00:00.000Z'),
        node('fast', 'running', simulated(10), '2026-12-04T10:00:01.000Z'),
        node('wait', 'running', { duration_ms: 2_000 }, '2026-12-04T10:00:00.000Z'),
        node('later', 'pending', simulated(1), null),
      ],
    }
    expect(nextDueAt(snapshot)).toBe(at('2026-12-04T10:00:01.010Z'))
  })

  it('is null when only people, webhooks or finished nodes are left, or the run is not moving', () => {
    const workflow = { executor: { type: 'github_workflow', inputs: {}, timeout_minutes: 60 } }
    expect(nextDueAt({ status: 'running', nodes: [node('gh', 'running', workflow, '2026-12-04T10:00:00.000Z'), node('done', 'success', simulated(10), '2026-12-04T10:00:00.000Z')] })).toBeNull()
    expect(nextDueAt({ status: 'paused', nodes: [node('b', 'running', simulated(10), '2026-12-04T10:00:00.000Z')] })).toBeNull()
  })
})
