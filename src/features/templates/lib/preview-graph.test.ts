import { describe, expect, it } from 'vitest'
import { previewGraph } from './preview-graph.ts'

describe('a template\'s graph as a preview', () => {
  it('draws each stored node at its position with its label and kind, and marks failure and always edges', () => {
    const graph = previewGraph(
      [
        { id: 'src', type: 'source', position: { x: 0, y: 80 }, data: { label: 'acme/app', config: {} } },
        { id: 'plan', type: 'plan', position: { x: 240, y: 80 }, data: { label: 'Plan', config: {} } },
        { id: 'undo', type: 'rollback', position: { x: 480, y: 200 }, data: { config: {} } },
      ],
      [
        { id: 'src->plan', source: 'src', target: 'plan', data: { on: 'success' } },
        { id: 'plan->undo', source: 'plan', target: 'undo', data: { on: 'failure' } },
        { source: 'src', target: 'undo', data: { on: 'always' } },
      ],
    )
    expect(graph.nodes.map((n) => [n.id, n.type, n.position, n.data])).toEqual([
      ['src', 'preview', { x: 0, y: 80 }, { kind: 'source', label: 'acme/app' }],
      ['plan', 'preview', { x: 240, y: 80 }, { kind: 'plan', label: 'Plan' }],
      ['undo', 'preview', { x: 480, y: 200 }, { kind: 'rollback', label: 'undo' }],
    ])
    expect(graph.edges.map((e) => [e.id, e.label ?? null, Boolean(e.style)])).toEqual([
      ['src->plan', null, false], ['plan->undo', 'on failure', true], ['src->undo', 'on always', true],
    ])
  })

  it('shows nothing for a graph that is not a list', () => {
    expect(previewGraph({}, null)).toEqual({ nodes: [], edges: [] })
  })
})
