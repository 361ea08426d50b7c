import type { Edge, Node } from '@xyflow/react'
import type { Enums, Json, Tables } from '../../../integrations/supabase/types.ts'
import { readStoredGraph } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'
import { nodeEnvironment } from '../../../../supabase/functions/_shared/pipeline/kinds.ts'
import { LAYOUT, layoutLanes } from '../../../../supabase/functions/_shared/pipeline/layout.ts'
import { nodeLabel } from './node-labels.ts'

export type NodeRow = Pick<Tables<'execution_nodes'>, 'node_id' | 'name' | 'kind' | 'config' | 'status' | 'attempt' | 'started_at' | 'finished_at' | 'duration_ms' | 'output'>

export type RunNodeData = {
  nodeId: string
  kind: string
  label: string
  status: Enums<'node_status'>
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  simulated: boolean
  environment: string | null
  attempt: number
  /** Carried over from the previous attempt by a rerun. */
  reused: boolean
  /** Why it failed or was refused, when the engine said. */
  detail: string | null
  /** Part of a large run (only what is on screen is drawn): the node skips its animation. */
  large?: boolean
}
export type LaneData = { label: string; width: number; height: number }

export type RunFlowNode = Node<RunNodeData, 'run'>
export type LaneFlowNode = Node<LaneData, 'lane'>
export type RunFlowEdge = Edge<{ on: 'success' | 'failure' | 'always' }>

/** Room on the left of each lane for its name. */
export const LANE_HEADER = 110
const NODE_WIDTH = 200

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A work step run by the simulated executor (or a legacy `simulated` row). */
export function isSimulatedNode(kind: string, config: unknown): boolean {
  if (kind === 'simulated') return true
  return isRecord(config) && isRecord(config.executor) && config.executor.type === 'simulated'
}

function outputDetail(output: Json | null): string | null {
  if (!isRecord(output)) return null
  // `reason` is the engine's code (simulated_finished, deploy_refused); `detail` is the words for people.
  const detail = output.detail ?? output.error
  return typeof detail === 'string' && detail.trim() ? detail : null
}

/**
 * The part of a run's graph that does not change while it runs: which nodes there are, their lanes and places,
 * and the edges. Computed once per graph; live status updates only redo `runGraphFrom`.
 */
export function layoutRunGraph(graphJson: Json, rows: readonly NodeRow[], environments: readonly { key: string; display_name: string }[]) {
  const read = readStoredGraph(graphJson)
  const graphNodes = read.ok ? read.graph.nodes : []
  const rowById = new Map(rows.map((r) => [r.node_id, r]))
  const graphById = new Map(graphNodes.map((n) => [n.id, n]))
  const ids = [...graphNodes.map((n) => n.id), ...rows.map((r) => r.node_id).filter((id) => !graphById.has(id))]
  const known = new Set(ids)
  const edges = (read.ok ? read.graph.edges : []).filter((e) => known.has(e.source) && known.has(e.target))

  const items = ids.map((id) => {
    const g = graphById.get(id)
    const row = rowById.get(id)
    const kind = g?.kind || row?.kind || 'unknown'
    const config = isRecord(row?.config) && Object.keys(row.config).length > 0 ? row.config : g?.config ?? {}
    return { id, kind, config, g }
  })

  const touched = new Set(items.map((n) => nodeEnvironment(n)).filter((e): e is string => !!e))
  const order = environments.map((e) => e.key).filter((k) => touched.has(k))
  const layout = layoutLanes({ nodes: items, edges }, order)
  const names = new Map(environments.map((e) => [e.key, e.display_name]))

  const width = LANE_HEADER + Math.max(0, ...Object.values(layout.positions).map((p) => p.x)) + NODE_WIDTH + LAYOUT.lanePadding
  const lanes: LaneFlowNode[] = layout.lanes.map((lane) => ({
    id: `lane:${lane.key}`,
    type: 'lane',
    position: { x: -LAYOUT.lanePadding, y: lane.y - LAYOUT.lanePadding / 2 },
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
    data: { label: lane.key === 'ci' ? 'CI' : names.get(lane.key) ?? lane.label, width: width + LAYOUT.lanePadding, height: lane.height },
  }))
  const placed = items.map((item) => ({
    ...item,
    position: { x: LANE_HEADER + layout.positions[item.id].x, y: layout.positions[item.id].y },
    simulated: isSimulatedNode(item.kind, item.config),
    environment: nodeEnvironment(item) ?? null,
  }))
  return { items: placed, lanes, edges, errors: read.ok ? [] : read.errors }
}

export type RunGraphLayout = ReturnType<typeof layoutRunGraph>

/** A laid-out run graph with the rows' live state: xyflow nodes and edges. */
export function runGraphFrom(layout: RunGraphLayout, rows: readonly NodeRow[]) {
  const rowById = new Map(rows.map((r) => [r.node_id, r]))
  const nodes: RunFlowNode[] = layout.items.map(({ id, kind, g, position, simulated, environment }) => {
    const row = rowById.get(id)
    return {
      id,
      type: 'run',
      position,
      draggable: false,
      connectable: false,
      data: {
        nodeId: id,
        kind,
        label: nodeLabel(id, row?.name, g?.label),
        status: row?.status ?? 'pending',
        startedAt: row?.started_at ?? null,
        finishedAt: row?.finished_at ?? null,
        durationMs: row?.duration_ms ?? null,
        simulated,
        environment,
        attempt: row?.attempt ?? 1,
        reused: isRecord(row?.output) && row.output.reused === true,
        detail: outputDetail(row?.output ?? null),
      },
    }
  })

  const statusOf = new Map(nodes.map((n) => [n.id, n.data.status]))
  const flowEdges: RunFlowEdge[] = layout.edges.map((e) => ({
    id: `${e.source}->${e.target}`,
    source: e.source,
    target: e.target,
    type: 'smoothstep',
    data: { on: e.on },
    label: e.on === 'success' ? undefined : `on ${e.on}`,
    animated: statusOf.get(e.target) === 'running' || statusOf.get(e.target) === 'waiting',
    className: e.on === 'failure' ? 'run-edge-failure' : undefined,
  }))

  return { nodes, lanes: layout.lanes, edges: flowEdges, errors: layout.errors }
}

/**
 * A run's graph (`executions.graph`) and its `execution_nodes` rows → xyflow nodes and edges laid out in lanes:
 * CI first, then one lane per environment the run touches, in the project's promotion order. Rows win over the
 * graph for status and config; a row missing from the graph still shows (without edges), a graph node without a
 * row shows as pending.
 */
export function buildRunGraph(graphJson: Json, rows: readonly NodeRow[], environments: readonly { key: string; display_name: string }[]) {
  return runGraphFrom(layoutRunGraph(graphJson, rows, environments), rows)
}
