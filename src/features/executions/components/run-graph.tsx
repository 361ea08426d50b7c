import { Background, Controls, Position, ReactFlow, useReactFlow, useStore, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Json } from '../../../integrations/supabase/types.ts'
import { layoutRunGraph, runGraphFrom, runGraphParts, type GroupFlowNode, type LaneFlowNode, type NodeRow, type RunFlowEdge, type RunFlowNode } from '../lib/execution-graph.ts'
import { groupSummary } from '../lib/group-summary.ts'
import { reuseUnchanged } from '../lib/stable-nodes.ts'
import { GroupToolbar } from './group-toolbar.tsx'
import { GroupToggle, runNodeTypes } from './run-node.tsx'

const PAD = 16
const MIN_ZOOM = 0.6
/** Past this many nodes only what is on screen is drawn (as the builder does). */
export const LARGE_RUN = 300

/** Starts at the left edge (the source), as wide as fits between MIN_ZOOM and 1; wider graphs pan. */
function FitLeft({ width, height, onZoom }: { width: number; height: number; onZoom: (zoom: number) => void }) {
  const paneWidth = useStore((s) => s.width)
  const { setViewport } = useReactFlow()
  useEffect(() => {
    if (!paneWidth) return
    const zoom = Math.min(1, Math.max(MIN_ZOOM, (paneWidth - 2 * PAD) / width))
    void setViewport({ x: PAD + 30 * zoom, y: PAD + 15 * zoom, zoom })
    onZoom(zoom)
  }, [paneWidth, width, height, setViewport, onZoom])
  return null
}

type FlowNode = RunFlowNode | LaneFlowNode | GroupFlowNode

// A run node's size and handles, given up front on a large run: xyflow draws every node whose handles it has not
// measured yet, so without them opening a 5,000-node run would mount all 5,000 once. (A failed node with a
// detail line is taller than this until measured; its edges meet it a few pixels above its middle.)
const KNOWN_SIZE = {
  initialWidth: 200,
  initialHeight: 80,
  handles: [
    { type: 'target' as const, position: Position.Left, x: -4, y: 36, width: 8, height: 8 },
    { type: 'source' as const, position: Position.Right, x: 196, y: 36, width: 8, height: 8 },
  ],
}

/**
 * The run's graph in lanes, read-only; clicking (or Enter on) a node selects it for the log panel. Parallel
 * branches between a fork and a join can fold into one node with live counts: folded at first on a large run,
 * open on a small one; the one holding the selected node stays open.
 */
export function RunGraph({ graph, rows, environments, selectedNodeId, onSelect }: {
  graph: Json
  rows: NodeRow[]
  environments: { key: string; display_name: string }[]
  selectedNodeId: string | null
  onSelect: (nodeId: string) => void
}) {
  // The layout depends on the graph and which nodes exist, not on their statuses: live updates skip it.
  const nodeCount = rows.length
  const parts = useMemo(() => runGraphParts(graph, rows), [graph, nodeCount])
  const [folded, setFolded] = useState(new Map<string, boolean>())
  const collapsedKey = parts.groups
    .filter((g) => (folded.get(g.id) ?? nodeCount > LARGE_RUN) && !(selectedNodeId && g.members.includes(selectedNodeId)))
    .map((g) => g.id).join(' ')
  const layout = useMemo(() => layoutRunGraph(parts, environments, new Set(collapsedKey.split(' '))), [parts, environments, collapsedKey])
  const built = useMemo(() => runGraphFrom(layout, rows), [layout, rows])
  const toggle = useCallback((groupId: string, fold: boolean) => setFolded((m) => new Map(m).set(groupId, fold)), [])
  const setAll = (fold: boolean) => setFolded(new Map(parts.groups.map((g) => [g.id, fold])))
  // Marching-ant edges repaint every frame; on a large run dozens run at once, so there they stay still.
  const stableEdges = useRef({ items: [] as RunFlowEdge[], byId: new Map<string, RunFlowEdge>() })
  const edges = useMemo(() => reuseUnchanged(stableEdges.current,
    built.nodes.length > LARGE_RUN ? built.edges.map((e) => (e.animated ? { ...e, animated: false } : e)) : built.edges), [built])
  // Unchanged nodes keep their objects between live updates, so only the nodes that moved re-render.
  const stable = useRef({ items: [] as FlowNode[], byId: new Map<string, FlowNode>() })
  const nodes = useMemo(
    () => reuseUnchanged<FlowNode>(stable.current, [...built.lanes, ...built.groups.map((g) => ({ ...g, ariaLabel: groupSummary(g.data) })), ...built.nodes.map((n) => ({
      ...n, selected: n.id === selectedNodeId, ariaLabel: `${n.data.label}: ${n.data.status}`,
      ...(built.nodes.length > LARGE_RUN ? { data: { ...n.data, large: true }, ...KNOWN_SIZE } : {}),
    }))]),
    [built, selectedNodeId],
  )
  const large = built.nodes.length + built.groups.length > LARGE_RUN
  const [zoom, setZoom] = useState(1)
  const last = built.lanes.at(-1)
  const graphHeight = last ? last.position.y + last.data.height : 200
  const graphWidth = built.lanes[0]?.data.width ?? 800
  const onNodeClick: NodeMouseHandler = (_event, node) => {
    if (node.type === 'run') onSelect(node.id)
    if (node.type === 'fanout') toggle(node.id, false)
  }
  return (
    <div className="flex flex-col gap-2">
      {parts.groups.length > 0 && <GroupToolbar groups={parts.groups} foldedIds={collapsedKey} onFoldAll={setAll} />}
      <GroupToggle.Provider value={toggle}>
        <div
          className="rounded-md border bg-card" style={{ height: Math.min(720, graphHeight * zoom + 2 * PAD + 20) }}
          data-testid="execution-graph" data-node-count={nodeCount} data-drawn-count={built.nodes.length}
        >
          <ReactFlow
            nodes={nodes} edges={edges} nodeTypes={runNodeTypes}
            nodesDraggable={false} nodesConnectable={false} elementsSelectable edgesFocusable={false}
            onlyRenderVisibleElements={large}
            onNodeClick={onNodeClick}
            onNodesChange={(changes) => {
              // Keyboard selection (Enter on a focused node) arrives as a select change on these controlled nodes;
              // on a folded group it opens the group.
              const picked = changes.find((c) => c.type === 'select' && c.selected && !c.id.startsWith('lane:'))
              if (!picked || picked.type !== 'select' || picked.id === selectedNodeId) return
              if (picked.id.startsWith('group:')) toggle(picked.id, false)
              else onSelect(picked.id)
            }}
            minZoom={0.2} maxZoom={1.5} proOptions={{ hideAttribution: true }} preventScrolling={false} zoomOnScroll={false}
            aria-label="Run graph"
          >
            <FitLeft width={graphWidth} height={graphHeight} onZoom={setZoom} />
            {/* The dot grid repaints the whole pane on every frame of a pan: left out where frames are scarce. */}
            {!large && <Background gap={20} />}
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      </GroupToggle.Provider>
    </div>
  )
}
