import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react'
import { HelpCircle } from 'lucide-react'
import { memo, type ComponentType } from 'react'
import { cn } from '../../../lib/utils.ts'
import type { KindFlowNode, UnknownFlowNode } from '../lib/flow-types.ts'
import { kindMeta } from '../lib/kind-meta.ts'
import { nodeDetail } from '../lib/node-detail.ts'
import { NODE_KINDS, WORK_KINDS, type NodeKind } from '../lib/shared.ts'

interface ShellProps {
  kind: string
  label: string
  detail: string
  icon: ComponentType<{ className?: string }>
  accent: string
  selected: boolean
  connectable: boolean
  hasInput: boolean
  simulated: boolean
}

// Highlights come from the wrapper's class (issue-error / issue-warning), set by the canvas.
function NodeShell({ kind, label, detail, icon: Icon, accent, selected, connectable, hasInput, simulated }: ShellProps) {
  return (
    <div
      className={cn(
        'w-[200px] rounded-md border border-l-4 bg-card px-3 py-2 text-left shadow-sm',
        accent.split(' ').filter((c) => c.startsWith('border-l-')),
        selected && 'ring-2 ring-primary',
        'in-[.issue-error]:border-destructive in-[.issue-error]:bg-destructive/5',
        'in-[.issue-warning]:border-warning',
      )}
    >
      {hasInput && <Handle type="target" position={Position.Left} isConnectable={connectable} className="!size-2.5" />}
      <div className="flex items-center gap-1.5 text-[10px] font-medium tracking-wide text-muted-foreground uppercase">
        <Icon className={cn('size-3.5', accent.split(' ').filter((c) => c.startsWith('text-')))} aria-hidden />
        {kind}
        {simulated && <span className="ml-auto rounded bg-muted px-1 normal-case tracking-normal">simulated</span>}
      </div>
      <div className="truncate text-sm font-medium">{label}</div>
      <div className="truncate text-xs text-muted-foreground">{detail}</div>
      <Handle type="source" position={Position.Right} isConnectable={connectable} className="!size-2.5" />
    </div>
  )
}

function kindNode<K extends NodeKind>(kind: K) {
  const meta = kindMeta[kind]
  const work = (WORK_KINDS as readonly string[]).includes(kind)
  const KindNode = ({ data, selected, isConnectable }: NodeProps<KindFlowNode<K>>) => (
    <NodeShell
      kind={meta.label} label={data.label} detail={nodeDetail(kind, data.config)} icon={meta.icon} accent={meta.accent}
      selected={Boolean(selected)} connectable={Boolean(isConnectable)} hasInput={kind !== 'source'}
      simulated={work && (data.config as { executor?: { type?: string } }).executor?.type !== 'github_workflow'}
    />
  )
  KindNode.displayName = `${meta.label}Node`
  return memo(KindNode)
}

const UnknownNode = memo(({ data, selected, isConnectable }: NodeProps<UnknownFlowNode>) => (
  <NodeShell
    kind={data.kind || 'unknown'} label={data.label} detail={nodeDetail(data.kind, data.config)} icon={HelpCircle}
    accent="text-muted-foreground border-l-destructive" selected={Boolean(selected)} connectable={Boolean(isConnectable)} hasInput simulated={false}
  />
))

/** One memoised component per kind, defined once at module scope (xyflow re-mounts nodes if this object changes). */
export const nodeTypes = {
  ...Object.fromEntries(NODE_KINDS.map((kind) => [kind, kindNode(kind)])),
  unknown: UnknownNode,
} as NodeTypes
