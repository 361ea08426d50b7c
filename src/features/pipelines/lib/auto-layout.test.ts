import { describe, expect, it } from 'vitest'
import type { FlowEdge, FlowNode } from './flow-types.ts'
import { NODE_SIZE, tidyPositions } from './auto-layout.ts'

const node = (id: string): FlowNode => ({ id, type: 'build', position: { x: 0, y: 0 }, data: { kind: 'build', label: id, config: {} } }) as FlowNode
const edge = (source: string, target: string): FlowEdge => ({ id: `${source}->${target}`, source, target, data: { on: 'success' } })

describe('tidyPositions', () => {
  // src → 4 parallel tests → deploy, everything piled on one spot.
  const nodes = ['src', 't1', 't2', 't3', 't4', 'ship'].map(node)
  const edges = [...['t1', 't2', 't3', 't4'].flatMap((t) => [edge('src', t), edge(t, 'ship')])]

  it('lays every edge out left to right', async () => {
    const at = await tidyPositions(nodes, edges)
    for (const e of edges) expect(at.get(e.source)!.x, `${e.source} → ${e.target}`).toBeLessThan(at.get(e.target)!.x)
  })

  it('leaves no two nodes overlapping', async () => {
    const at = [...(await tidyPositions(nodes, edges)).values()]
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const apart = Math.abs(at[i]!.x - at[j]!.x) >= NODE_SIZE.width || Math.abs(at[i]!.y - at[j]!.y) >= NODE_SIZE.height
        expect(apart, `nodes ${i} and ${j}`).toBe(true)
      }
    }
  })
})
