import { Background, Handle, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '../../../components/ui/dialog.tsx'
import { cn } from '../../../lib/utils.ts'
import { usePipelineVersion } from '../api/get-pipeline-version.ts'
import { diffStored, type Change, type GraphDiff } from '../lib/graph-diff.ts'

const CHANGE_META = {
  added: { label: 'Added', tone: 'success', node: 'border-success bg-success/10', stroke: 'var(--color-success, #16a34a)' },
  removed: { label: 'Removed', tone: 'danger', node: 'border-destructive border-dashed bg-destructive/10 opacity-80', stroke: 'var(--color-destructive, #dc2626)' },
  changed: { label: 'Changed', tone: 'warning', node: 'border-warning bg-warning/15', stroke: 'var(--color-warning, #d97706)' },
  moved: { label: 'Moved', tone: 'info', node: 'border-info', stroke: '' },
  same: { label: 'Unchanged', tone: 'neutral', node: 'border-border bg-card', stroke: '' },
} satisfies Record<Change, { label: string; tone: BadgeTone; node: string; stroke: string }>

type DiffNode = Node<{ label: string; kind: string; change: Change }, 'diff'>

const DiffNodeView = memo(({ id, data }: NodeProps<DiffNode>) => (
  <div data-testid={`diff-node-${id}`} data-change={data.change} className={cn('w-[200px] rounded-md border-2 px-3 py-2 text-left shadow-sm', CHANGE_META[data.change].node)}>
    <Handle type="target" position={Position.Left} isConnectable={false} className="!size-2" />
    <div className="flex items-center justify-between text-[10px] font-medium tracking-wide text-muted-foreground uppercase">
      <span>{data.kind}</span>
      {data.change !== 'same' && <span>{CHANGE_META[data.change].label}</span>}
    </div>
    <div className={cn('truncate text-sm font-medium', data.change === 'removed' && 'line-through')}>{data.label}</div>
    <Handle type="source" position={Position.Right} isConnectable={false} className="!size-2" />
  </div>
))
const diffNodeTypes = { diff: DiffNodeView } as NodeTypes

function DiffCanvas({ diff }: { diff: GraphDiff }) {
  const { nodes, edges } = useMemo(() => ({
    nodes: diff.nodes.map((n): DiffNode => ({ id: n.id, type: 'diff', position: n.position, data: { label: n.label, kind: n.kind, change: n.change } })),
    edges: diff.edges.map((e): Edge => ({
      id: e.id, source: e.source, target: e.target, label: e.change === 'same' ? undefined : CHANGE_META[e.change].label.toLowerCase(),
      style: e.change === 'same' ? undefined : { stroke: CHANGE_META[e.change].stroke, strokeWidth: 2, strokeDasharray: e.change === 'removed' ? '6 4' : undefined },
    })),
  }), [diff])
  return (
    <ReactFlowProvider>
      <div className="h-[50vh] min-h-72 rounded-md border bg-muted/20" data-testid="diff-canvas">
        <ReactFlow
          nodes={nodes} edges={edges} nodeTypes={diffNodeTypes} fitView fitViewOptions={{ maxZoom: 1 }}
          nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} deleteKeyCode={null}
          proOptions={{ hideAttribution: true }} aria-label="Differences between the two versions (read only)"
        >
          <Background gap={20} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  )
}

function ChangeList({ diff }: { diff: GraphDiff }) {
  const items = [
    ...diff.nodes.filter((n) => n.change !== 'same').map((n) => ({ key: `n-${n.id}`, change: n.change, what: `${n.label} (${n.kind})`, details: n.details })),
    ...diff.edges.filter((e) => e.change !== 'same').map((e) => ({ key: `e-${e.id}`, change: e.change, what: `Edge ${e.source} → ${e.target}`, details: e.details })),
  ]
  if (items.length === 0) return <p className="text-sm text-muted-foreground">The two versions have the same nodes and edges.</p>
  return (
    <ul aria-label="What changed" className="flex max-h-48 flex-col gap-1 overflow-y-auto text-sm">
      {items.map((item) => (
        <li key={item.key} className="flex flex-wrap items-baseline gap-2">
          <Badge tone={CHANGE_META[item.change].tone}>{CHANGE_META[item.change].label}</Badge>
          <span className="font-medium">{item.what}</span>
          {item.details.length > 0 && <span className="text-xs text-muted-foreground">{item.details.join('; ')}</span>}
        </li>
      ))}
    </ul>
  )
}

/** Two versions of a pipeline compared: the newer graph with added, removed and changed parts marked, and a list. */
export function VersionDiffDialog({ pipelineId, from, to, onClose }: { pipelineId: string; from: number; to: number; onClose: () => void }) {
  const before = usePipelineVersion(pipelineId, from)
  const after = usePipelineVersion(pipelineId, to)
  const diff = useMemo(() => (before.data && after.data ? diffStored(before.data, after.data) : null), [before.data, after.data])
  const error = before.error ?? after.error
  const renamed = before.data && after.data && before.data.name !== after.data.name
  return (
    <Dialog open onOpenChange={(open) => { if (!open) onClose() }}>
      <DialogContent className="max-w-4xl">
        <DialogHeader>
          <DialogTitle>Version {from} → version {to}</DialogTitle>
          <DialogDescription>
            {diff ? `${diff.counts.added} added, ${diff.counts.removed} removed, ${diff.counts.changed} changed.` : 'Comparing…'}
            {renamed && ` Renamed from “${before.data!.name}” to “${after.data!.name}”.`}
          </DialogDescription>
        </DialogHeader>
        {error ? <ErrorState error={error} /> : !diff ? <LoadingRows rows={4} /> : (
          <>
            <DiffCanvas diff={diff} />
            <ChangeList diff={diff} />
          </>
        )}
      </DialogContent>
    </Dialog>
  )
}
