import { Background, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react'
import { Workflow } from 'lucide-react'
import '@xyflow/react/dist/style.css'
import { useCallback, type DragEvent } from 'react'
import { useDecoratedGraph } from '../hooks/use-decorated-graph.ts'
import { tidyPositions } from '../lib/auto-layout.ts'
import type { Highlights } from '../lib/issue-highlights.ts'
import { isNodeKind } from '../lib/shared.ts'
import { useEditorStore } from '../store/editor-store.ts'
import { FindNode } from './find-node.tsx'
import { nodeTypes } from './flow-nodes.tsx'

export const PALETTE_MIME = 'application/x-opzenix-kind'
// Past this many nodes only what is on screen is rendered, and the minimap (which draws every node) is dropped.
export const LARGE_GRAPH = 300

export function PipelineCanvas({ readOnly, highlights, environments, renderAll }: {
  readOnly: boolean
  highlights: Highlights
  environments: readonly string[]
  /** Render every node even in a large graph (the builder benchmark measures both ways). */
  renderAll?: boolean
}) {
  const nodes = useEditorStore((s) => s.nodes)
  const edges = useEditorStore((s) => s.edges)
  const onNodesChange = useEditorStore((s) => s.onNodesChange)
  const onEdgesChange = useEditorStore((s) => s.onEdgesChange)
  const connect = useEditorStore((s) => s.connect)
  const addNode = useEditorStore((s) => s.addNode)
  const decorated = useDecoratedGraph(nodes, edges, highlights)
  const { screenToFlowPosition, fitView } = useReactFlow()
  const large = nodes.length > LARGE_GRAPH

  const onDrop = useCallback((event: DragEvent) => {
    const kind = event.dataTransfer.getData(PALETTE_MIME)
    if (readOnly || !isNodeKind(kind)) return
    event.preventDefault()
    addNode(kind, { position: screenToFlowPosition({ x: event.clientX - 100, y: event.clientY - 30 }), environments })
  }, [readOnly, addNode, screenToFlowPosition, environments])

  // Tidy up: every node placed by dagre, left to right, as one undo step; then the whole graph in view.
  const tidy = useCallback(async () => {
    const { nodes: current, edges: links, replaceGraph } = useEditorStore.getState()
    const at = await tidyPositions(current, links)
    replaceGraph(current.map((n) => ({ ...n, position: at.get(n.id) ?? n.position })), links, `Tidied the layout of ${current.length} nodes`)
    requestAnimationFrame(() => void fitView({ maxZoom: 1.2, duration: 200 }))
  }, [fitView])

  return (
    <div className="h-full w-full" data-testid="pipeline-canvas" data-node-count={nodes.length}>
      <ReactFlow
        nodes={decorated.nodes} edges={decorated.edges} nodeTypes={nodeTypes}
        onNodesChange={onNodesChange} onEdgesChange={onEdgesChange}
        onConnect={(c) => connect(c.source, c.target)}
        onDrop={onDrop}
        onDragOver={(e) => { if (!readOnly) { e.preventDefault(); e.dataTransfer.dropEffect = 'move' } }}
        nodesDraggable={!readOnly} nodesConnectable={!readOnly} edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        onlyRenderVisibleElements={large && !renderAll}
        // A large graph opens at 100% on its start rather than zoomed out to a blur of thousands of nodes.
        fitView={!large} fitViewOptions={{ maxZoom: 1.2 }} defaultViewport={{ x: 40, y: 80, zoom: 1 }}
        minZoom={0.1} proOptions={{ hideAttribution: true }}
        aria-label={readOnly ? 'Pipeline graph (read only)' : 'Pipeline graph editor'}
      >
        <Background gap={20} />
        <FindNode />
        <Controls showInteractive={false}>
          {!readOnly && <ControlButton onClick={() => void tidy()} title="Tidy up: lay the graph out left to right" aria-label="Tidy up the layout"><Workflow /></ControlButton>}
        </Controls>
        {!large && <MiniMap pannable zoomable ariaLabel="Pipeline overview" />}
      </ReactFlow>
    </div>
  )
}
