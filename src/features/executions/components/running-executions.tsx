import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { useProject } from '../../../lib/workspace.ts'
import { RUNNING_STATUSES, useActiveExecutions, type ActiveExecution } from '../api/list-active-executions.ts'
import { useLiveExecutionLists } from '../api/use-live-execution.ts'
import { useNow } from '../../../lib/use-now.ts'
import { executionDurationMs } from '../lib/duration.ts'
import { AttemptChip } from './attempt-chip.tsx'
import { RunProgress } from './run-progress.tsx'

const isRunning = (run: ActiveExecution) => (RUNNING_STATUSES as readonly string[]).includes(run.status)

/**
 * The current project's runs in progress, live, for the home page: "Running now" lists the queued and running ones
 * (as many as the "Running" figure counts), and paused runs, waiting for people, follow under their own heading.
 */
export function RunningExecutions() {
  const project = useProject()
  const query = useActiveExecutions(project.id)
  useLiveExecutionLists(project.id)
  const now = useNow((query.data?.rows.length ?? 0) > 0)
  const running = query.data?.rows.filter(isRunning) ?? []
  const paused = query.data?.rows.filter((run) => !isRunning(run)) ?? []
  return (
    <Card data-testid="running-executions">
      <CardHeader className="flex flex-row items-center justify-between">
        <CardTitle>Running now{query.data && <span className="ml-1.5 font-normal text-muted-foreground tabular-nums" data-testid="running-now-count">{query.data.running}</span>}</CardTitle>
        {query.data && query.data.total > query.data.rows.length && (
          <Link to="/executions?status=active" className="text-xs text-primary hover:underline">All {query.data.total} in progress</Link>
        )}
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {query.isPending ? <LoadingRows rows={3} />
          : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          : (
            <>
              {running.length === 0
                ? <EmptyState title="Nothing running" description="Runs appear here the moment they start." />
                : <RunList label="Runs in progress" runs={running} now={now} />}
              {paused.length > 0 && <>
                <h3 className="mt-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Paused, waiting for people</h3>
                <RunList label="Paused runs" runs={paused} now={now} />
              </>}
            </>
          )}
      </CardContent>
    </Card>
  )
}

function RunList({ label, runs, now }: { label: string; runs: ActiveExecution[]; now: number }) {
  return (
    <ul className="flex flex-col divide-y" aria-label={label}>
      {runs.map((run) => (
        <li key={run.id} className="flex flex-col gap-1.5 py-2" data-testid={`running-${run.id}`}>
          <div className="flex items-center gap-2">
            <Link to={`/executions/${run.id}`} className="truncate text-sm font-medium hover:underline">{run.name}</Link>
            <AttemptChip attempt={run.attempt} />
            <span className="ml-auto"><StatusBadge kind="execution" status={run.status} /></span>
          </div>
          <RunProgress status={run.status} value={run.progress} label={`Progress of ${run.name}`} />
          <p className="text-xs text-muted-foreground">
            {run.flow_templates?.name ?? 'Deleted pipeline'}
            {run.environments ? ` → ${run.environments.display_name}` : ''}
            {run.startedByName ? ` · ${run.startedByName}` : ''} · {formatDuration(executionDurationMs(run, now))}
          </p>
        </li>
      ))}
    </ul>
  )
}
