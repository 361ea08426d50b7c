import { describe, expect, it } from 'vitest'
import { compareActivity, describeActivity, mergePages, nextCursor, type ActivityRow } from './activity.ts'

const base: ActivityRow = {
  key: 'execution:0000000000000000001', kind: 'execution', at: '2026-11-28T10:00:00.000001+00:00',
  execution_id: 'run-1', execution_name: 'Release #99', environment_key: 'prod', old_state: 'running', new_state: 'failed',
  detail: null, title: null, version: null, is_rollback: false, actor_id: 'u1', actor_name: 'Otto Operator',
}
const row = (over: Partial<ActivityRow>): ActivityRow => ({ ...base, ...over })

describe('describeActivity', () => {
  it('says what happened to a run and links to it', () => {
    const view = describeActivity(base)
    expect(`${view.subject} ${view.action}`).toBe('Release #99 failed')
    expect(view.badge).toEqual({ kind: 'execution', status: 'failed' })
    expect(view.href).toBe('/executions/run-1')
    expect(view.related).toEqual({ label: 'prod', href: '/environments/prod' })
  })
  it('gives the reason a run failed or was cancelled, not the engine\'s word for an ordinary move', () => {
    expect(describeActivity(row({ detail: 'Node failed: see its logs' })).note).toBe('Node failed: see its logs')
    expect(describeActivity(row({ new_state: 'cancelled', detail: 'superseded' })).note).toBe('superseded')
    expect(describeActivity(row({ old_state: 'queued', new_state: 'running', detail: 'started' })).note).toBeNull()
  })
  it('tells a resumed run from a started one', () => {
    expect(describeActivity(row({ old_state: 'paused', new_state: 'running' })).action).toBe('resumed')
    expect(describeActivity(row({ old_state: 'queued', new_state: 'running' })).action).toBe('started')
    expect(describeActivity(row({ new_state: 'paused' })).action).toBe('is waiting for approval')
  })
  it('names the voter, the gate and the run for a vote, with the comment', () => {
    const view = describeActivity(row({ key: 'vote:v', kind: 'vote', new_state: 'reject', title: 'Promote to production', detail: 'not during the incident', actor_name: 'Ada Admin' }))
    expect(`${view.subject} ${view.action}`).toBe('Ada Admin rejected “Promote to production” of Release #99')
    expect(view.badge).toEqual({ kind: 'approval', status: 'rejected' })
    expect(view.note).toBe('not during the incident')
    expect(view.href).toBe('/executions/run-1')
  })
  it('links a deployment to its environment and its run, and calls a rollback one', () => {
    const deploy = describeActivity(row({ key: 'deployment:d', kind: 'deployment', new_state: 'success', version: '1.99.0' }))
    expect(`${deploy.subject} ${deploy.action}`).toBe('1.99.0 deployed to prod')
    expect(deploy.href).toBe('/environments/prod')
    expect(deploy.related).toEqual({ label: 'Release #99', href: '/executions/run-1' })
    const rollback = describeActivity(row({ key: 'deployment:r', kind: 'deployment', new_state: 'success', version: '1.96.0', is_rollback: true, execution_id: null, execution_name: null }))
    expect(`${rollback.subject} ${rollback.action}`).toBe('1.96.0 rolled back onto prod')
    expect(rollback.related).toBeNull()
  })
  it('escapes environment keys in links', () => {
    expect(describeActivity(row({ kind: 'deployment', key: 'deployment:x', new_state: 'success', environment_key: 'eu west' })).href).toBe('/environments/eu%20west')
  })
})

describe('nextCursor', () => {
  it('continues after the last row of a full page, keeping the exact timestamp', () => {
    const page = [row({ key: 'a' }), row({ key: 'b', at: '2026-11-28T09:00:00.123456+00:00' })]
    expect(nextCursor(page, 2)).toEqual({ at: '2026-11-28T09:00:00.123456+00:00', key: 'b' })
  })
  it('stops after a short page', () => {
    expect(nextCursor([row({})], 2)).toBeUndefined()
    expect(nextCursor([], 2)).toBeUndefined()
  })
})

describe('mergePages', () => {
  it('orders newest first, then by key, to the microsecond', () => {
    const a = row({ key: 'vote:a', at: '2026-11-28T10:00:00.000002+00:00' })
    const b = row({ key: 'execution:2', at: '2026-11-28T10:00:00.000001+00:00' })
    const c = row({ key: 'deployment:z', at: '2026-11-28T10:00:00.000001+00:00' })
    const d = row({ key: 'vote:old', at: '2026-11-27T10:00:00+00:00' })
    expect(mergePages([[d, c], [b, a]]).map((r) => r.key)).toEqual(['vote:a', 'execution:2', 'deployment:z', 'vote:old'])
  })
  it('keeps each item once when a refetch shifted it into the next page', () => {
    const x = row({ key: 'x', at: '2026-11-28T10:00:00+00:00' })
    const y = row({ key: 'y', at: '2026-11-28T09:00:00+00:00' })
    expect(mergePages([[x, y], [y]]).map((r) => r.key)).toEqual(['x', 'y'])
  })
  it('compares equal rows as equal', () => {
    expect(compareActivity(base, { ...base })).toBe(0)
  })
})
