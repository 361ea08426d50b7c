// An approval policy's expiry reaches the gate as a decision that takes effect at expiresAt (snapshot.ts makes
// it from a pending request's expires_at): the gate waits until then, and fails with the reason after.
import { describe, expect, it } from 'vitest'
import { toLoaded, type ExecutionRow } from '../engine/snapshot.ts'
import { tick } from './engine.ts'
import { execution, moves, step, T0 } from './fixtures.ts'

const gated = () => execution(
  [['src', 'source'], ['gate', 'approval', { environment: 'prod' }], ['prod', 'deploy', { environment: 'prod' }]],
  [['src', 'gate'], ['gate', 'prod']],
)
const atGate = () => step(gated(), { now: T0 }).state
const expiresAt = new Date(T0 + 60_000).toISOString()
const expiry = { nodeId: 'gate', approved: false, expiresAt, comment: 'Approval request expired; still waiting for Security (1 more)' }

describe('approval expiry from the request', () => {
  it('waits while the request is open and not yet expired', () => {
    expect(atGate().nodes.find((n) => n.id === 'gate')?.status).toBe('waiting')
    expect(tick(atGate(), { now: T0 + 59_999, decisions: [expiry] })).toEqual([])
  })

  it('fails the gate with approval_expired and the reason once expiresAt has passed, closing the request as expired', () => {
    const transitions = tick(atGate(), { now: T0 + 60_000, decisions: [expiry] })
    expect(moves(transitions)).toEqual(['gate:waiting→failed', 'prod:pending→skipped', 'execution:paused→failed'])
    expect(transitions[0]).toMatchObject({
      reason: 'approval_expired', detail: expiry.comment, effects: [{ type: 'close_approval', nodeId: 'gate', outcome: 'expired' }],
    })
  })

  it('is made by the snapshot from a pending request on a waiting gate, with what the request still needed', () => {
    const row = (status: string, waiting_for: string | null): ExecutionRow => ({
      id: 'run', project_id: 'p', name: 'r', status: 'paused', version: null, graph: { nodes: [], edges: [] }, started_by: null,
      execution_nodes: [{ node_id: 'gate', kind: 'approval', config: {}, status: 'waiting', started_at: null, finished_at: null, attempt: 1, log_lines_written: 0, output: null }],
      approval_requests: [{ node_id: 'gate', status, expires_at: expiresAt, required_approvals: 3, approval_count: 1, waiting_for, approval_votes: [] }],
    })
    expect(toLoaded(row('pending', 'Level 1 of 2: Security (1 more)')).decisions).toEqual([{
      nodeId: 'gate', approved: false, expiresAt,
      comment: `Approval request expired at ${expiresAt} before it was approved; still waiting for Level 1 of 2: Security (1 more)`,
    }])
    expect(toLoaded(row('pending', null)).decisions[0].comment).toMatch(/it had 1 of 3 approvals$/)
    expect(toLoaded(row('approved', null)).decisions).toEqual([{ nodeId: 'gate', approved: true }])
  })
})
