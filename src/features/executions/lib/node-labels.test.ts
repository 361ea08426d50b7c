import { describe, expect, it } from 'vitest'
import { nodeLabel, nodeLabelMap } from './node-labels.ts'

const graph = {
  nodes: [
    { id: 'build', type: 'build', position: { x: 0, y: 0 }, data: { label: 'Build image', config: {} } },
    { id: 'late', type: 'test', position: { x: 0, y: 0 }, data: { label: 'Smoke tests', config: {} } },
    { id: 'bare', type: 'test', position: { x: 0, y: 0 }, data: { config: {} } },
  ],
  edges: [],
}

describe('node labels on the run page', () => {
  it('prefers the row name, then the graph label, then the id', () => {
    expect(nodeLabel('build', 'Build image', 'Old label')).toBe('Build image')
    expect(nodeLabel('late', undefined, 'Smoke tests')).toBe('Smoke tests')
    expect(nodeLabel('bare', '  ', undefined)).toBe('bare')
  })

  it('names a node whose row has not loaded by its graph label, not its id', () => {
    const labels = nodeLabelMap(graph, [{ node_id: 'build', name: 'Build image' }])
    expect(labels.get('build')).toBe('Build image')
    expect(labels.get('late')).toBe('Smoke tests')
    expect(labels.get('bare')).toBe('bare')
  })
})
