import { Background, Handle, Position, ReactFlow, type NodeProps, type NodeTypes } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { memo, useMemo } from 'react'
import type { Json } from '../../../integrations/supabase/types.ts'
import { previewGraph, type PreviewNode } from '../lib/preview-graph.ts'

const kindName = (kind: string) => kind.replaceAll('_', ' ')

const PreviewStage = memo(({ data }: NodeProps<PreviewNode>) => (
  <div className="w-44 rounded-md border border-l-4 border-l-primary/60 bg-card px-2.5 py-1.5 text-left shadow-xs" data-kind={data.kind}>
    <Handle type="target" position={Position.Left} isConnectable={false} className="!size-2" />
    <div className="truncate text-[11px] tracking-wide text-muted-foreground uppercase">{kindName(data.kind)}</div>
    <div className="truncate text-sm font-medium">{data.label}</div>
    <Handle type="source" position={Position.Right} isConnectable={false} className="!size-2" />
  </div>
))
PreviewStage.displayName = 'PreviewStage'

const nodeTypes: NodeTypes = { preview: PreviewStage }

/** A read-only picture of the template's graph: pan and zoom, nothing to edit. */
export function TemplatePreview({ nodes, edges, name }: { nodes: Json; edges: Json; name: string }) {
  const graph = useMemo(() => previewGraph(nodes, edges), [nodes, edges])
  return (
    <div className="h-72 w-full overflow-hidden rounded-md border bg-muted/20" role="img" aria-label={`Graph of ${name}: ${graph.nodes.map((n) => n.data.label).join(' → ')}`} data-testid="template-preview">
      <ReactFlow
        nodes={graph.nodes} edges={graph.edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ padding: 0.15 }}
        nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} edgesFocusable={false} nodesFocusable={false}
        zoomOnScroll={false} preventScrolling={false} proOptions={{ hideAttribution: true }} minZoom={0.2}
      >
        <Background gap={16} size={1} />
      </ReactFlow>
    </div>
  )
}
