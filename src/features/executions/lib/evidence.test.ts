import { describe, expect, it } from 'vitest'
import { groupEvidence, licenceSummary, shortDigest } from './evidence.ts'

describe('groupEvidence', () => {
  it('puts each kind of evidence under its node, nodes in the order they first reported', () => {
    const grouped = groupEvidence({
      reports: [{ node_id: 'unit', id: 'r1' }],
      scans: [{ node_id: 'scan', id: 's1' }, { node_id: 'unit', id: 's2' }],
      sboms: [], artifacts: [{ node_id: 'build', id: 'a1' }], steps: [{ node_id: null, id: 'e1' }],
    })
    expect(grouped.map((g) => g.nodeId)).toEqual(['unit', 'scan', 'build', ''])
    expect(grouped[0]).toMatchObject({ reports: [{ id: 'r1' }], scans: [{ id: 's2' }] })
  })
})

describe('licenceSummary', () => {
  it('adds licences over SBOMs, biggest first, and counts the rest', () => {
    const summary = licenceSummary([{ licences: { MIT: 120, ISC: 12, 'Apache-2.0': 9 } }, { licences: { MIT: 3, 'BSD-3-Clause': 2 } }], 2)
    expect(summary).toEqual({ top: [['MIT', 123], ['ISC', 12]], rest: 11 })
  })
})

it('shortens a digest but keeps its algorithm', () => {
  expect(shortDigest(`sha256:${'4b825dc642cb6eb9'.repeat(4)}`)).toBe('sha256:4b825dc642cb')
})
