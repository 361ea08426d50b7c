import { beforeEach, describe, expect, it } from 'vitest'
import { matchNodes } from '../lib/find-nodes.ts'
import { useEditorStore } from './editor-store.ts'

const store = () => useEditorStore.getState()
const ids = () => store().nodes.map((n) => n.id)

describe('redo', () => {
  beforeEach(() => store().load({ name: 'p', type: 'cicd', nodes: [], edges: [] }))

  it('redoes what undo undid, step by step, and forgets it after a new edit', () => {
    store().addNode('source')
    store().addNode('build')
    store().addNode('test')
    store().undo()
    store().undo()
    expect(ids()).toEqual(['source-1'])
    store().redo()
    expect(ids()).toEqual(['source-1', 'build-1'])
    expect(store().announcement).toBe('Redone')
    store().redo()
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1'])
    expect(store().edges.map((e) => e.id)).toEqual(['source-1->build-1', 'build-1->test-1'])
    store().redo()
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1'])

    store().undo()
    store().addNode('deploy', { environments: ['dev'] })
    expect(store().future).toEqual([])
    store().redo()
    expect(ids()).toEqual(['source-1', 'build-1', 'deploy-1'])
  })

  it('starts with nothing to redo when a pipeline loads', () => {
    store().addNode('source')
    store().undo()
    expect(store().future).toHaveLength(1)
    store().load({ name: 'q', type: 'cicd', nodes: [], edges: [] })
    expect(store().future).toEqual([])
  })
})

describe('copy and paste', () => {
  beforeEach(() => {
    store().load({ name: 'p', type: 'cicd', nodes: [], edges: [] })
    for (const kind of ['source', 'build', 'test'] as const) store().addNode(kind)
  })

  it('pastes the selected nodes with new ids and labels, keeping the edges between them and not those to the rest', () => {
    store().select(['build-1', 'test-1'])
    expect(store().copySelection()).toBe(2)
    expect(store().paste()).toBe(2)
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1', 'build-2', 'test-2'])
    expect(store().nodes.slice(3).map((n) => n.data.label)).toEqual(['Build (copy)', 'Test (copy)'])
    expect(store().edges.map((e) => e.id)).toEqual(['source-1->build-1', 'build-1->test-1', 'build-2->test-2'])
    expect(store().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['build-2', 'test-2'])
    const [original, copy] = [store().nodes[1], store().nodes[3]]
    expect(copy.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 })
    expect(copy.data.config).toEqual(original.data.config)
    expect(copy.data.config).not.toBe(original.data.config)
    expect(store().dirty).toBe(true)
    expect(store().announcement).toBe('Pasted 2 nodes')
  })

  it('pastes again further along, and one undo takes one paste away', () => {
    store().select(['test-1'])
    store().copySelection()
    store().paste()
    store().paste()
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1', 'test-2', 'test-3'])
    expect(store().nodes[4].position.x - store().nodes[2].position.x).toBe(80)
    store().undo()
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1', 'test-2'])
  })

  it('copies nothing when nothing is selected, and a later edit of the original does not change the clipboard', () => {
    useEditorStore.setState({ clipboard: null })
    store().select([])
    expect(store().copySelection()).toBe(0)
    expect(store().paste()).toBe(0)
    expect(ids()).toEqual(['source-1', 'build-1', 'test-1'])
    store().select(['build-1'])
    store().copySelection()
    store().updateNode('build-1', { label: 'Renamed' })
    store().paste()
    expect(store().nodes.at(-1)!.data.label).toBe('Build (copy)')
  })
})

describe('find a node', () => {
  const nodes = [
    { id: 'src', data: { label: 'Checkout', kind: 'source' } },
    { id: 'build', data: { label: 'Build image', kind: 'build' } },
    { id: 'dev', data: { label: 'Deploy dev', kind: 'deploy' } },
    { id: 'prod', data: { label: 'Deploy prod', kind: 'deploy' } },
  ]
  it('matches label, id or kind in any case, in graph order; blank matches nothing', () => {
    expect(matchNodes(nodes, 'deploy')).toEqual(['dev', 'prod'])
    expect(matchNodes(nodes, '  IMAGE ')).toEqual(['build'])
    expect(matchNodes(nodes, 'src')).toEqual(['src'])
    expect(matchNodes(nodes, 'nothing like it')).toEqual([])
    expect(matchNodes(nodes, '   ')).toEqual([])
  })
})
