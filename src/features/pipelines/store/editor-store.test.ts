import { beforeEach, describe, expect, it } from 'vitest'
import { useEditorStore } from './editor-store.ts'

const store = () => useEditorStore.getState()
const ENVS = ['dev', 'prod']

describe('editor store', () => {
  beforeEach(() => store().load({ name: 'p', type: 'cicd', nodes: [], edges: [] }))

  it('builds source → build → approval → deploy by adding from the palette, each connected from the last', () => {
    for (const kind of ['source', 'build', 'approval', 'deploy'] as const) store().addNode(kind, { environments: ENVS })
    expect(store().nodes.map((n) => n.id)).toEqual(['source-1', 'build-1', 'approval-1', 'deploy-1'])
    expect(store().edges.map((e) => e.id)).toEqual(['source-1->build-1', 'build-1->approval-1', 'approval-1->deploy-1'])
    expect(store().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['deploy-1'])
    expect(store().dirty).toBe(true)
    expect(store().announcement).toBe('Added Deploy, connected from Approval gate')
  })

  it('does not connect a dropped node, nor one whose kind may not follow the selection', () => {
    store().addNode('source')
    store().addNode('build', { position: { x: 500, y: 500 } })
    store().select(['source-1'])
    store().addNode('deploy')
    expect(store().edges).toEqual([])
  })

  it('connects once, deletes a node with its edges, and undoes step by step', () => {
    store().addNode('source')
    store().addNode('build')
    store().connect('source-1', 'build-1')
    expect(store().edges).toHaveLength(1)
    store().deleteNodes(['source-1'])
    expect(store().nodes.map((n) => n.id)).toEqual(['build-1'])
    expect(store().edges).toEqual([])
    store().undo()
    expect(store().nodes).toHaveLength(2)
    expect(store().edges).toHaveLength(1)
    store().undo()
    expect(store().nodes).toHaveLength(1)
  })

  it('coalesces typing in one node into one undo step, and bumps the revision the rules watch', () => {
    store().addNode('source')
    const before = store().revision
    store().updateNode('source-1', { config: { repository: 'a' } })
    store().updateNode('source-1', { config: { repository: 'ac' } })
    expect(store().revision).toBe(before + 2)
    store().undo()
    expect(store().nodes[0]!.data.config).toEqual({ repository: '', branch: 'main' })
  })

  it('is clean after loading and after saving, and selection alone does not dirty it', () => {
    store().addNode('source')
    store().markSaved()
    store().select([])
    store().onNodesChange([{ type: 'select', id: 'source-1', selected: true }])
    expect(store().dirty).toBe(false)
    store().onNodesChange([{ type: 'position', id: 'source-1', position: { x: 9, y: 9 }, dragging: true }])
    expect(store().dirty).toBe(true)
  })
})
