import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react'
import { LazyMotion, domAnimation, m, useReducedMotion } from 'framer-motion'
import { ChevronsUpDown } from 'lucide-react'
import { createContext, memo, useContext } from 'react'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { cn } from '../../../lib/utils.ts'
import { useNow } from '../../../lib/use-now.ts'
import { nodeDurationMs } from '../lib/duration.ts'
import type { GroupFlowNode, LaneFlowNode, RunFlowNode } from '../lib/execution-graph.ts'
import { groupCounts } from '../lib/group-summary.ts'
import { kindLabel } from '../lib/kind-labels.ts'

const border: Record<string, string> = {
  running: 'border-l-info', waiting: 'border-l-warning', success: 'border-l-success', warning: 'border-l-warning',
  failed: 'border-l-destructive', cancelled: 'border-l-muted-foreground', skipped: 'border-l-border', pending: 'border-l-border',
}

/** One node of a run: kind, name, live status, duration (ticking while it runs) and "simulated" where it is. */
const RunNode = memo(({ data, selected }: NodeProps<RunFlowNode>) => {
  const live = data.status === 'running' || data.status === 'waiting'
  const now = useNow(live)
  // On a large run nodes mount and unmount as the view pans; the pop animation is left out there.
  const still = useReducedMotion() || data.large
  const duration = nodeDurationMs({ status: data.status, started_at: data.startedAt, finished_at: data.finishedAt, duration_ms: data.durationMs }, now)
  return (
    <div
      data-testid={`node-${data.nodeId}`} data-status={data.status}
      className={cn(
        'w-[200px] cursor-pointer rounded-md border border-l-4 bg-card px-3 py-2 text-left shadow-sm',
        border[data.status] ?? 'border-l-border',
        data.status === 'skipped' && 'opacity-60',
        selected && 'ring-2 ring-primary',
      )}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!size-2 !border-0 !bg-muted-foreground/50" />
      <div className="flex items-center gap-1.5 text-[10px] font-medium tracking-wide text-muted-foreground uppercase">
        {kindLabel(data.kind)}
        {data.attempt > 1 && !data.reused && <span className="normal-case tracking-normal">· try {data.attempt}</span>}
        <span className="ml-auto flex gap-1 normal-case tracking-normal">
          {data.reused && <span className="rounded bg-muted px-1" title="Result reused from the previous attempt">reused</span>}
          {data.simulated && <span className="rounded bg-muted px-1">simulated</span>}
        </span>
      </div>
      <div className="truncate text-sm font-medium" title={data.label}>{data.label}</div>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5">
        {/* A status change pops, so a watcher's eye finds the node that moved (not for reduced-motion users). */}
        {still ? <StatusBadge kind="node" status={data.status} nodeKind={data.kind} /> : (
          <LazyMotion features={domAnimation}>
            <m.span key={data.status} initial={{ scale: 0.8, opacity: 0.3 }} animate={{ scale: 1, opacity: 1 }} transition={{ duration: 0.25 }}>
              <StatusBadge kind="node" status={data.status} nodeKind={data.kind} />
            </m.span>
          </LazyMotion>
        )}
        <span className="text-[11px] whitespace-nowrap tabular-nums text-muted-foreground" data-testid={`node-duration-${data.nodeId}`}>{duration == null ? '' : formatDuration(duration)}</span>
      </div>
      {data.detail && data.status === 'failed' && <p className="mt-1 line-clamp-2 text-[11px] text-destructive" title={data.detail}>{data.detail}</p>}
      {data.detail && data.status === 'waiting' && data.kind === 'deploy' && (
        <p className="mt-1 line-clamp-2 text-[11px] text-warning" title={data.detail} data-testid={`node-queue-${data.nodeId}`}>In the lock queue: {data.detail.replace(/^waiting for /, '')}</p>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} className="!size-2 !border-0 !bg-muted-foreground/50" />
    </div>
  )
})
RunNode.displayName = 'RunNode'

/** A lane's band behind its nodes, with the lane's name (CI, or the environment). */
const LaneNode = memo(({ data }: NodeProps<LaneFlowNode>) => (
  <div
    className="pointer-events-none relative rounded-lg border border-dashed bg-muted/30"
    style={{ width: data.width, height: data.height }}
    role="group" aria-label={`Lane ${data.label}`}
  >
    <span className="absolute top-2 left-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{data.label}</span>
  </div>
))
LaneNode.displayName = 'LaneNode'

/** Opens (false) or folds (true) a group of parallel branches; provided by the run graph. */
export const GroupToggle = createContext<(groupId: string, fold: boolean) => void>(() => {})

const toneText = { danger: 'text-destructive', info: 'text-info', success: 'text-success', neutral: 'text-muted-foreground' }

/** Parallel branches folded into one node: how many, and their steps counted by status, live. */
const GroupNode = memo(({ data, selected }: NodeProps<GroupFlowNode>) => {
  const toggle = useContext(GroupToggle)
  const done = data.passed + data.failed + data.stopped
  return (
    <div
      data-testid={`group-${data.groupId}`} data-status={data.status}
      className={cn('w-[200px] cursor-pointer rounded-md border border-l-4 bg-card px-3 py-2 text-left shadow-[3px_3px_0_0_var(--color-border)]',
        border[data.status] ?? 'border-l-border', selected && 'ring-2 ring-primary')}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!size-2 !border-0 !bg-muted-foreground/50" />
      <div className="flex items-center text-[10px] font-medium tracking-wide text-muted-foreground uppercase">
        Parallel
        <button
          type="button" className="nodrag ml-auto flex items-center gap-0.5 rounded px-1 normal-case tracking-normal hover:bg-muted"
          onClick={(e) => { e.stopPropagation(); toggle(data.groupId, false) }}
        >
          <ChevronsUpDown className="size-3" aria-hidden /> Expand
        </button>
      </div>
      <div className="text-sm font-medium">{data.branches.toLocaleString('en')} branches · {data.steps.toLocaleString('en')} steps</div>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div className={cn('h-full', data.failed > 0 ? 'bg-destructive' : 'bg-success')} style={{ width: `${(done / Math.max(1, data.steps)) * 100}%` }} />
      </div>
      <p className="mt-1 flex flex-wrap gap-x-2 text-[11px] tabular-nums" data-testid={`group-counts-${data.groupId}`}>
        {groupCounts(data).map((c) => <span key={c.key} className={toneText[c.tone]}>{c.text}</span>)}
      </p>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!size-2 !border-0 !bg-muted-foreground/50" />
    </div>
  )
})
GroupNode.displayName = 'GroupNode'

/** Defined once at module scope: xyflow re-mounts every node when this object changes. */
// Not `group`: xyflow styles a node of that type as its own sub-flow frame.
export const runNodeTypes = { run: RunNode, lane: LaneNode, fanout: GroupNode } as NodeTypes
