import { describe, expect, it } from 'vitest'
import { fromStoredJson, toGraphInput, toStoredJson } from './graph-convert.ts'
import { starterGraph } from './node-factory.ts'
import { validateGraph } from './shared.ts'

describe('stored graph ⇄ canvas', () => {
  it('round-trips the builder shape exactly', () => {
    const { nodes, edges } = starterGraph(['dev'])
    const stored = toStoredJson(nodes, edges)
    expect(stored.nodes[0]).toEqual({ id: 'source-1', type: 'source', position: { x: 0, y: 0 }, data: { label: 'Source', config: { repository: '', branch: 'main' } } })
    expect(stored.edges[0]).toEqual({ id: 'source-1->build-1', source: 'source-1', target: 'build-1', data: { on: 'success' } })
    const loaded = fromStoredJson(stored.nodes, stored.edges)
    if (!loaded.ok) throw new Error(loaded.errors.join())
    expect(toStoredJson(loaded.nodes, loaded.edges)).toEqual(stored)
  })

  it('opens the older seed shape, keeps unknown kinds as unknown nodes and lets the rules flag them', () => {
    const loaded = fromStoredJson(
      [
        { id: 'checkout', type: 'stage', position: { x: 1, y: 2 }, data: { label: 'Checkout', kind: 'simulated', config: { duration_ms: 4000 } } },
        { id: 'ship', type: 'deploy', position: { x: 3, y: 4 }, data: { label: 'Ship', kind: 'deploy', config: { environment: 'dev' } } },
      ],
      [{ id: 'e', source: 'checkout', target: 'ship', data: { condition: 'on_failure' } }],
    )
    if (!loaded.ok) throw new Error(loaded.errors.join())
    expect(loaded.nodes.map((n) => [n.type, n.data.kind, n.data.label])).toEqual([['unknown', 'simulated', 'Checkout'], ['deploy', 'deploy', 'Ship']])
    expect(loaded.edges[0]!.data).toEqual({ on: 'failure' })
    const codes = validateGraph(toGraphInput(loaded.nodes, loaded.edges)).map((i) => i.code)
    expect(codes).toContain('unknown_kind')
    // Saved back, the unknown node keeps its kind so nothing is lost.
    expect(toStoredJson(loaded.nodes, loaded.edges).nodes[0]).toMatchObject({ id: 'checkout', type: 'simulated', data: { config: { duration_ms: 4000 } } })
  })

  it('refuses a structure it cannot read', () => {
    expect(fromStoredJson('nope', [])).toMatchObject({ ok: false })
    expect(fromStoredJson([{ type: 'build' }], [])).toMatchObject({ ok: false })
  })
})
