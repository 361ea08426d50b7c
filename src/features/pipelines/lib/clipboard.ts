import { edgeId, type FlowEdge, type FlowNode } from './flow-types.ts'
import { nextIdentity } from './node-factory.ts'
import { isNodeKind } from './shared.ts'

/** Nodes copied in the builder, with the edges between them (edges to nodes left behind are not copied). */
export interface Clip {
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/** The selected nodes and the edges among them, or null when nothing is selected. */
export function copyNodes(nodes: readonly FlowNode[], edges: readonly FlowEdge[], ids: readonly string[]): Clip | null {
  const picked = new Set(ids)
  const copied = nodes.filter((n) => picked.has(n.id))
  if (copied.length === 0) return null
  return {
    nodes: structuredClone(copied.map(({ selected: _s, dragging: _d, measured: _m, ...n }) => n as FlowNode)),
    edges: structuredClone(edges.filter((e) => picked.has(e.source) && picked.has(e.target)).map(({ selected: _s, ...e }) => e as FlowEdge)),
  }
}

/**
 * A clip pasted into a graph: each node gets a fresh id (the kind's next free one, as the palette names them) and
 * "(copy)" after its label, shifted by `offset`, selected; the clip's internal edges are kept between the copies.
 */
export function pasteClip(clip: Clip, existing: readonly FlowNode[], offset: { x: number; y: number }): Clip {
  const taken = new Set(existing.map((n) => n.id))
  const ids = new Map<string, string>()
  const nodes = clip.nodes.map((n): FlowNode => {
    let id: string
    if (isNodeKind(n.data.kind)) {
      id = nextIdentity(n.data.kind, taken).id
    } else {
      let i = 1
      while (taken.has(`${n.id}-copy-${i}`)) i++
      id = `${n.id}-copy-${i}`
    }
    taken.add(id)
    ids.set(n.id, id)
    return { ...structuredClone(n), id, selected: true, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, data: { ...structuredClone(n.data), label: `${n.data.label} (copy)` } } as FlowNode
  })
  const edges = clip.edges.map((e): FlowEdge => {
    const source = ids.get(e.source)!
    const target = ids.get(e.target)!
    return { ...structuredClone(e), id: edgeId(source, target), source, target }
  })
  return { nodes, edges }
}
