import { describe, expect, it } from 'vitest'
import { diffStored } from './graph-diff.ts'

const node = (id: string, type: string, x: number, config: Record<string, unknown> = {}, label = id) =>
  ({ id, type, position: { x, y: 0 }, data: { label, config } })
const edge = (source: string, target: string, on = 'success') => ({ id: `${source}->${target}`, source, target, data: { on } })

const v1 = {
  nodes: [node('src', 'source', 0, { repository: 'acme/app' }), node('build', 'build', 240, { executor: { type: 'simulated', duration_ms: 2000 } }), node('test', 'test', 480)],
  edges: [edge('src', 'build'), edge('build', 'test')],
}

describe('diffing two versions of a pipeline', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffStored(v1, structuredClone(v1))
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0 })
    expect(diff.nodes.every((n) => n.change === 'same')).toBe(true)
    expect(diff.edges.every((e) => e.change === 'same')).toBe(true)
  })

  it('names added, removed and changed nodes and edges, with what changed in words', () => {
    const v2 = {
      nodes: [
        node('src', 'source', 0, { repository: 'acme/app' }),
        node('build', 'build', 240, { executor: { type: 'simulated', duration_ms: 5000 } }, 'Build image'),
        node('deploy', 'deploy', 480, { environment: 'dev' }),
      ],
      edges: [edge('src', 'build'), edge('build', 'deploy')],
    }
    const diff = diffStored(v1, v2)
    expect(diff.nodes.map((n) => [n.id, n.change])).toEqual([['src', 'same'], ['build', 'changed'], ['deploy', 'added'], ['test', 'removed']])
    expect(diff.nodes.find((n) => n.id === 'build')!.details).toEqual([
      'label: build → Build image',
      'executor: {"type":"simulated","duration_ms":2000} → {"type":"simulated","duration_ms":5000}',
    ])
    expect(diff.edges.map((e) => [e.id, e.change])).toEqual([['src->build', 'same'], ['build->deploy', 'added'], ['build->test', 'removed']])
    expect(diff.counts).toEqual({ added: 2, removed: 2, changed: 1 })
  })

  it('draws a removed node where it was and the others where they are now', () => {
    const v2 = { nodes: [node('src', 'source', 100, { repository: 'acme/app' })], edges: [] }
    const diff = diffStored(v1, v2)
    expect(diff.nodes.map((n) => [n.id, n.change, n.position.x])).toEqual([['src', 'moved', 100], ['build', 'removed', 240], ['test', 'removed', 480]])
    expect(diff.nodes[0].details).toEqual(['moved'])
  })

  it('tells a moved node from a changed one, and reports both when both happened', () => {
    const moved = diffStored(v1, { ...v1, nodes: [v1.nodes[0], { ...v1.nodes[1], position: { x: 999, y: 0 } }, v1.nodes[2]] })
    expect(moved.nodes[1]).toMatchObject({ change: 'moved', details: ['moved'] })
    const both = diffStored(v1, { ...v1, nodes: [v1.nodes[0], node('build', 'build', 999, {}), v1.nodes[2]] })
    expect(both.nodes[1]).toMatchObject({ change: 'changed', details: ['executor: {"type":"simulated","duration_ms":2000} → (none)', 'moved'] })
  })

  it('sees an edge whose condition changed, and a node whose kind changed', () => {
    const v2 = { nodes: [v1.nodes[0], v1.nodes[1], node('test', 'security_scan', 480)], edges: [edge('src', 'build'), edge('build', 'test', 'failure')] }
    const diff = diffStored(v1, v2)
    expect(diff.edges.find((e) => e.id === 'build->test')).toMatchObject({ change: 'changed', details: ['runs on success → on failure'] })
    expect(diff.nodes.find((n) => n.id === 'test')).toMatchObject({ change: 'changed', details: ['kind: test → security_scan'] })
  })

  it('compares configs by value, not by key order', () => {
    const reordered = { ...v1, nodes: [v1.nodes[0], node('build', 'build', 240, { executor: { duration_ms: 2000, type: 'simulated' } }), v1.nodes[2]] }
    expect(diffStored(v1, reordered).counts).toEqual({ added: 0, removed: 0, changed: 0 })
  })

  it('treats an unreadable graph as empty, so everything in the other one is added', () => {
    const diff = diffStored({ nodes: 'not a list', edges: [] }, v1)
    expect(diff.nodes.map((n) => n.change)).toEqual(['added', 'added', 'added'])
    expect(diff.counts.added).toBe(5)
  })
})
