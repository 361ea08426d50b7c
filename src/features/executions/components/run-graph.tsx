import { Background, Controls, ReactFlow, useReactFlow, useStore, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Json } from '../../../integrations/supabase/types.ts'
import { layoutRunGraph, runGraphFrom, type LaneFlowNode, type NodeRow, type RunFlowEdge, type RunFlowNode } from '../lib/execution-graph.ts'
import { reuseUnchanged } from '../lib/stable-nodes.ts'
import { runNodeTypes } from './run-node.tsx'

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

/** The run's graph in lanes, read-only; clicking (or Enter on) a node selects it for the log panel. */
export function RunGraph({ graph, rows, environments, selectedNodeId, onSelect }: {
  graph: Json
  rows: NodeRow[]
  environments: { key: string; display_name: string }[]
  selectedNodeId: string | null
  onSelect: (nodeId: string) => void
}) {
  // The layout depends on the graph and which nodes exist, not on their statuses: live updates skip it.
  const nodeCount = rows.length
  const layout = useMemo(() => layoutRunGraph(graph, rows, environments), [graph, environments, nodeCount])
  const built = useMemo(() => runGraphFrom(layout, rows), [layout, rows])
  // Marching-ant edges repaint every frame; on a large run dozens run at once, so there they stay still.
  const stableEdges = useRef({ items: [] as RunFlowEdge[], byId: new Map<string, RunFlowEdge>() })
  const edges = useMemo(() => reuseUnchanged(stableEdges.current,
    built.nodes.length > LARGE_RUN ? built.edges.map((e) => (e.animated ? { ...e, animated: false } : e)) : built.edges), [built])
  // Unchanged nodes keep their objects between live updates, so only the nodes that moved re-render.
  const stable = useRef({ items: [] as Array<RunFlowNode | LaneFlowNode>, byId: new Map<string, RunFlowNode | LaneFlowNode>() })
  const nodes = useMemo(
    () => reuseUnchanged(stable.current, [...built.lanes, ...built.nodes.map((n) => ({
      ...n, selected: n.id === selectedNodeId, ariaLabel: `${n.data.label}: ${n.data.status}`,
      ...(built.nodes.length > LARGE_RUN ? { data: { ...n.data, large: true } } : {}),
    }))]),
    [built, selectedNodeId],
  )
  const large = built.nodes.length > LARGE_RUN
  const [zoom, setZoom] = useState(1)
  const last = built.lanes.at(-1)
  const graphHeight = last ? last.position.y + last.data.height : 200
  const graphWidth = built.lanes[0]?.data.width ?? 800
  const onNodeClick: NodeMouseHandler = (_event, node) => { if (node.type === 'run') onSelect(node.id) }
  return (
    <div className="rounded-md border bg-card" style={{ height: Math.min(720, graphHeight * zoom + 2 * PAD + 20) }} data-testid="execution-graph" data-node-count={built.nodes.length}>
      <ReactFlow
        nodes={nodes} edges={edges} nodeTypes={runNodeTypes}
        nodesDraggable={false} nodesConnectable={false} elementsSelectable edgesFocusable={false}
        onlyRenderVisibleElements={large}
        onNodeClick={onNodeClick}
        onNodesChange={(changes) => {
          // Keyboard selection (Enter on a focused node) arrives as a select change on these controlled nodes.
          const picked = changes.find((c) => c.type === 'select' && c.selected && !c.id.startsWith('lane:'))
          if (picked && picked.type === 'select' && picked.id !== selectedNodeId) onSelect(picked.id)
        }}
        minZoom={0.2} maxZoom={1.5} proOptions={{ hideAttribution: true }} preventScrolling={false} zoomOnScroll={false}
        aria-label="Run graph"
      >
        <FitLeft width={graphWidth} height={graphHeight} onZoom={setZoom} />
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  )
}
