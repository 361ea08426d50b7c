import type { FlowEdge, FlowNode } from './flow-types.ts'

export const NODE_SIZE = { width: 200, height: 72 }

/**
 * New positions for every node, laid out left to right by dagre (a layered layout: each edge points right, nodes
 * of one layer stacked, crossings kept few). Loaded on demand: the library is only needed when asked.
 */
export async function tidyPositions(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<Map<string, { x: number; y: number }>> {
  const { default: dagre } = await import('@dagrejs/dagre')
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 60, marginx: 0, marginy: 0 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of nodes) graph.setNode(node.id, { ...NODE_SIZE })
  for (const edge of edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target)
  dagre.layout(graph)
  // dagre gives centres; the canvas places nodes by their top-left corner.
  return new Map(nodes.map((node) => {
    const { x, y } = graph.node(node.id)
    return [node.id, { x: Math.round(x - NODE_SIZE.width / 2), y: Math.round(y - NODE_SIZE.height / 2) }]
  }))
}
