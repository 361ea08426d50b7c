import { describe, expect, it } from 'vitest'
import { mergeNodeRows } from './merge-node-rows.ts'

const rows = [
  { node_id: 'a', status: 'running', duration_ms: null },
  { node_id: 'b', status: 'pending', duration_ms: null },
  { node_id: 'c', status: 'pending', duration_ms: null },
]

describe('mergeNodeRows', () => {
  it('applies the last change of each node and keeps untouched rows as they were', () => {
    const next = mergeNodeRows(rows, [
      { node_id: 'a', status: 'success', duration_ms: 12, log_lines_written: 3 },
      { node_id: 'b', status: 'running' },
      { node_id: 'b', status: 'success', duration_ms: 5 },
    ])!
    expect(next).toEqual([
      { node_id: 'a', status: 'success', duration_ms: 12 },
      { node_id: 'b', status: 'success', duration_ms: 5 },
      { node_id: 'c', status: 'pending', duration_ms: null },
    ])
    expect(next[2]).toBe(rows[2])
    expect(rows[0]!.status).toBe('running')
  })

  it('says when a change is for a node it does not have, so the page refetches', () => {
    expect(mergeNodeRows(rows, [{ node_id: 'z', status: 'running' }])).toBeNull()
  })

  it('returns the same list for an empty batch', () => {
    expect(mergeNodeRows(rows, [])).toBe(rows)
  })
})
