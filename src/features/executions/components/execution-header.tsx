import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { formatDateTime, formatDuration, timeAgo } from '../../../lib/format.ts'
import type { AppRole } from '../../../lib/permissions.ts'
import type { ExecutionDetail } from '../api/get-execution.ts'
import { useNow } from '../../../lib/use-now.ts'
import { executionDurationMs, isExecutionLive } from '../lib/duration.ts'
import { failureSentence } from '../lib/reason-sentences.ts'
import { triggerLabel } from '../lib/trigger-labels.ts'
import { AttemptChip } from './attempt-chip.tsx'
import { ExecutionActions } from './execution-actions.tsx'
import { RunProgress } from './run-progress.tsx'

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm" data-testid={testId}>{children}</dd>
    </div>
  )
}

/** Name, status, progress and the facts of a run, with its actions; the duration ticks while it runs. */
export function ExecutionHeader({ run, role }: { run: ExecutionDetail; role: AppRole | null }) {
  const now = useNow(isExecutionLive(run.status))
  const started = run.started_at ?? run.created_at
  return (
    <header className="mb-4 flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">{run.name}</h1>
            <span data-testid="execution-status" data-status={run.status}><StatusBadge kind="execution" status={run.status} className="text-sm" /></span>
            <AttemptChip attempt={run.attempt} />
          </div>
          <RunProgress status={run.status} value={run.progress} label="Run progress" testId="execution-progress" className="w-72" />
        </div>
        <div className="flex gap-2"><ExecutionActions run={run} role={role} /></div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4 lg:grid-cols-7">
        <Fact label="Pipeline">
          {run.flow_templates ? <Link className="hover:underline" to={`/pipelines/${run.flow_templates.id}`}>{run.flow_templates.name}</Link> : 'Deleted pipeline'}
        </Fact>
        <Fact label="Environment">{run.environments?.display_name ?? '—'}</Fact>
        <Fact label="Started by">{run.startedByName ?? triggerLabel(run.trigger_source)}</Fact>
        <Fact label="Started"><time dateTime={started} title={formatDateTime(started)}>{timeAgo(started, now)}</time></Fact>
        <Fact label="Duration" testId="execution-duration">{formatDuration(executionDurationMs(run, now))}</Fact>
        <Fact label="Trigger">
          {triggerLabel(run.trigger_source)}
          {run.branch && <span className="text-muted-foreground"> · {run.branch}</span>}
          {run.commit_sha && <code className="ml-1 text-xs text-muted-foreground">{run.commit_sha.slice(0, 7)}</code>}
        </Fact>
        <Fact label="Trace">
          {/* The run's OTel trace id is its uuid as 32 hex digits (execution_trace_id). */}
          <Link className="text-primary hover:underline" to={`/telemetry?trace=${run.id.replaceAll('-', '')}`}>Open trace</Link>
        </Fact>
      </dl>
      {run.error_message && run.status === 'failed' && <Alert tone="danger">{failureSentence(run.error_message)}</Alert>}
    </header>
  )
}
