import { nodeEnvironment } from './kinds.ts'
import { adjacency, topologicalOrder, type Link } from './graph-walk.ts'

export const LAYOUT = { columnWidth: 240, rowHeight: 110, laneGap: 40, lanePadding: 30 } as const

export interface Lane {
  key: string
  label: string
  y: number
  height: number
}

export interface LaneLayout {
  lanes: Lane[]
  positions: Record<string, { x: number; y: number }>
  laneOf: Record<string, string>
}

export const CI_LANE = 'ci'

/**
 * Lays a graph out in horizontal lanes: the CI lane first, then one lane per environment in promotion order.
 * A node that names an environment (deploy, rollback, gate) sits in that lane; any other node sits in the
 * furthest lane of its predecessors, so a smoke test after a staging deploy stays in staging. A gate without
 * an environment joins the lane of the deploy it opens. Columns follow the longest path from a source.
 * Environments a node names that are missing from `promotionOrder` get lanes after the listed ones.
 */
export function layoutLanes(
  graph: { nodes: ReadonlyArray<{ id: string; kind: string; config?: unknown }>; edges: readonly Link[] },
  promotionOrder: readonly string[],
): LaneLayout {
  const ids = graph.nodes.map((n) => n.id)
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const { out, in: inc } = adjacency(ids, graph.edges)
  const { order, blocked } = topologicalOrder(ids, graph.edges)
  const walk = [...order, ...blocked]

  const laneKeys = [CI_LANE, ...promotionOrder]
  const laneIndex = (env: string) => {
    if (!laneKeys.includes(env)) laneKeys.push(env)
    return laneKeys.indexOf(env)
  }

  const column = new Map<string, number>()
  const lane = new Map<string, number>()
  for (const id of walk) {
    const preds = inc.get(id)!.filter((p) => column.has(p))
    column.set(id, preds.length === 0 ? 0 : Math.max(...preds.map((p) => column.get(p)!)) + 1)
    const env = nodeEnvironment(byId.get(id)!)
    lane.set(id, env !== undefined ? laneIndex(env) : Math.max(0, ...preds.map((p) => lane.get(p)!)))
  }
  for (const id of walk) {
    const node = byId.get(id)!
    if (node.kind !== 'approval' || nodeEnvironment(node) !== undefined) continue
    const opened = out.get(id)!.map((s) => byId.get(s)!).find((s) => s.kind === 'deploy' && nodeEnvironment(s))
    if (opened) lane.set(id, laneIndex(nodeEnvironment(opened)!))
  }

  // Nodes sharing a lane and a column stack in rows; each lane is as tall as its tallest stack.
  const rowOf = new Map<string, number>()
  const cellCount = new Map<string, number>()
  for (const id of walk) {
    const cell = `${lane.get(id)}:${column.get(id)}`
    const row = cellCount.get(cell) ?? 0
    rowOf.set(id, row)
    cellCount.set(cell, row + 1)
  }
  const rowsInLane = laneKeys.map((_, i) =>
    Math.max(1, ...walk.filter((id) => lane.get(id) === i).map((id) => rowOf.get(id)! + 1)))

  const lanes: Lane[] = []
  let y = 0
  laneKeys.forEach((key, i) => {
    const height = rowsInLane[i] * LAYOUT.rowHeight + 2 * LAYOUT.lanePadding
    lanes.push({ key, label: key === CI_LANE ? 'CI' : key, y, height })
    y += height + LAYOUT.laneGap
  })

  const positions: LaneLayout['positions'] = {}
  const laneOf: LaneLayout['laneOf'] = {}
  for (const id of walk) {
    const l = lanes[lane.get(id)!]
    positions[id] = { x: column.get(id)! * LAYOUT.columnWidth, y: l.y + LAYOUT.lanePadding + rowOf.get(id)! * LAYOUT.rowHeight }
    laneOf[id] = l.key
  }
  return { lanes, positions, laneOf }
}
