import type { Edge, Node } from '@xyflow/react'
import type { Enums, Json, Tables } from '../../../integrations/supabase/types.ts'
import { readStoredGraph } from '../../../../supabase/functions/_shared/engine/stored-graph.ts'
import { nodeEnvironment } from '../../../../supabase/functions/_shared/pipeline/kinds.ts'
import { LAYOUT, layoutLanes } from '../../../../supabase/functions/_shared/pipeline/layout.ts'
import { findFanOutGroups, foldGroups, type FanOutGroup } from './fan-out-groups.ts'
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
/** Parallel branches folded into one node; the counts follow the member nodes' live statuses. */
export type GroupData = {
  groupId: string
  branches: number
  steps: number
  status: Enums<'node_status'>
  passed: number
  failed: number
  running: number
  pending: number
  /** Skipped or cancelled. */
  stopped: number
}

export type RunFlowNode = Node<RunNodeData, 'run'>
export type LaneFlowNode = Node<LaneData, 'lane'>
export type GroupFlowNode = Node<GroupData, 'fanout'>
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

/** A run's nodes (graph and rows together), the edges between them and its fan-out groups; no positions yet. */
export function runGraphParts(graphJson: Json, rows: readonly NodeRow[]) {
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
  const itemById = new Map(items.map((item) => [item.id, item]))
  const groups = findFanOutGroups(ids, edges, (id) => nodeEnvironment(itemById.get(id)!) === undefined)
  return { ids, items, itemById, edges, groups, errors: read.ok ? [] : read.errors }
}

export type RunGraphParts = ReturnType<typeof runGraphParts>

/**
 * The part of a run's graph that does not change while it runs: which nodes there are, their lanes and places,
 * and the edges, with the groups in `collapsed` folded into one node each. Computed once per graph (and per
 * folding); live status updates only redo `runGraphFrom`.
 */
export function layoutRunGraph(parts: RunGraphParts, environments: readonly { key: string; display_name: string }[], collapsed: ReadonlySet<string> = new Set()) {
  const folding = parts.groups.filter((g) => collapsed.has(g.id))
  const folded = foldGroups(parts.ids, parts.edges, folding, (source, target, like) => ({ ...like, source, target }))
  const groupById = new Map(folding.map((g) => [g.id, g]))
  const layoutItems = folded.ids.map((id) => parts.itemById.get(id) ?? { id, kind: 'group', config: {}, g: undefined })

  const touched = new Set(layoutItems.map((n) => nodeEnvironment(n)).filter((e): e is string => !!e))
  const order = environments.map((e) => e.key).filter((k) => touched.has(k))
  const layout = layoutLanes({ nodes: layoutItems, edges: folded.edges }, order)
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
  const at = (id: string) => ({ x: LANE_HEADER + layout.positions[id].x, y: layout.positions[id].y })
  const placed = layoutItems.filter((item) => !groupById.has(item.id)).map((item) => ({
    ...item,
    position: at(item.id),
    simulated: isSimulatedNode(item.kind, item.config),
    environment: nodeEnvironment(item) ?? null,
  }))
  const groups = folding.map((group) => ({ group, position: at(group.id) }))
  return { items: placed, groups, lanes, edges: folded.edges, errors: parts.errors }
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

  const groupNodes: GroupFlowNode[] = layout.groups.map(({ group, position }) => ({
    id: group.id, type: 'fanout', position, draggable: false, connectable: false,
    data: groupData(group, group.members.map((id) => rowById.get(id)?.status ?? 'pending')),
  }))

  const statusOf = new Map([...nodes, ...groupNodes].map((n) => [n.id, n.data.status]))
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

  return { nodes, groups: groupNodes, lanes: layout.lanes, edges: flowEdges, errors: layout.errors }
}

/** A folded group's counts by status and the one status it shows: failed wins, then running, then done. */
export function groupData(group: FanOutGroup, statuses: readonly Enums<'node_status'>[]): GroupData {
  const count = (...of: Enums<'node_status'>[]) => statuses.filter((s) => of.includes(s)).length
  const passed = count('success', 'warning')
  const failed = count('failed')
  const running = count('running', 'waiting', 'queued')
  const stopped = count('skipped', 'cancelled')
  const pending = statuses.length - passed - failed - running - stopped
  const status: Enums<'node_status'> = failed > 0 ? 'failed'
    : running > 0 || (pending > 0 && pending < statuses.length) ? 'running'
    : pending > 0 ? 'pending'
    : passed === 0 ? (count('cancelled') > 0 ? 'cancelled' : 'skipped')
    : count('warning') > 0 ? 'warning' : 'success'
  return { groupId: group.id, branches: group.branches.length, steps: statuses.length, status, passed, failed, running, pending, stopped }
}

/**
 * A run's graph (`executions.graph`) and its `execution_nodes` rows → xyflow nodes and edges laid out in lanes:
 * CI first, then one lane per environment the run touches, in the project's promotion order. Rows win over the
 * graph for status and config; a row missing from the graph still shows (without edges), a graph node without a
 * row shows as pending.
 */
export function buildRunGraph(graphJson: Json, rows: readonly NodeRow[], environments: readonly { key: string; display_name: string }[], collapsed?: ReadonlySet<string>) {
  return runGraphFrom(layoutRunGraph(runGraphParts(graphJson, rows), environments, collapsed), rows)
}
