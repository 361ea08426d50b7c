import { Background, Controls, ReactFlow, useReactFlow, useStore, type NodeMouseHandler } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useState } from 'react'
import type { Json } from '../../../integrations/supabase/types.ts'
import { buildRunGraph, type NodeRow } from '../lib/execution-graph.ts'
import { runNodeTypes } from './run-node.tsx'

const PAD = 16
const MIN_ZOOM = 0.6

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
  const built = useMemo(() => buildRunGraph(graph, rows, environments), [graph, rows, environments])
  const nodes = useMemo(
    () => [...built.lanes, ...built.nodes.map((n) => ({ ...n, selected: n.id === selectedNodeId, ariaLabel: `${n.data.label}: ${n.data.status}` }))],
    [built, selectedNodeId],
  )
  const [zoom, setZoom] = useState(1)
  const last = built.lanes.at(-1)
  const graphHeight = last ? last.position.y + last.data.height : 200
  const graphWidth = built.lanes[0]?.data.width ?? 800
  const onNodeClick: NodeMouseHandler = (_event, node) => { if (node.type === 'run') onSelect(node.id) }
  return (
    <div className="rounded-md border bg-card" style={{ height: Math.min(720, graphHeight * zoom + 2 * PAD + 20) }} data-testid="execution-graph">
      <ReactFlow
        nodes={nodes} edges={built.edges} nodeTypes={runNodeTypes}
        nodesDraggable={false} nodesConnectable={false} elementsSelectable edgesFocusable={false}
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
