import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { formatDuration } from '../../../lib/format.ts'
import { useProject } from '../../../lib/workspace.ts'
import { useActiveExecutions } from '../api/list-active-executions.ts'
import { useLiveExecutionLists } from '../api/use-live-execution.ts'
import { useNow } from '../hooks/use-now.ts'
import { executionDurationMs } from '../lib/duration.ts'
import { AttemptChip } from './attempt-chip.tsx'
import { RunProgress } from './run-progress.tsx'

/** The current project's runs in progress (running, waiting for approval, queued), live, for the home page. */
export function RunningExecutions() {
  const project = useProject()
  const query = useActiveExecutions(project.id)
  useLiveExecutionLists(project.id)
  const now = useNow((query.data?.rows.length ?? 0) > 0)
  return (
    <Card data-testid="running-executions">
      <CardHeader className="flex flex-row items-center justify-between">
        <CardTitle>Running now</CardTitle>
        {query.data && query.data.total > query.data.rows.length && (
          <Link to="/executions?status=active" className="text-xs text-primary hover:underline">All {query.data.total}</Link>
        )}
      </CardHeader>
      <CardContent>
        {query.isPending ? <LoadingRows rows={3} />
          : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          : query.data.rows.length === 0 ? <EmptyState title="Nothing running" description="Runs appear here the moment they start." />
          : (
            <ul className="flex flex-col divide-y" aria-label="Runs in progress">
              {query.data.rows.map((run) => (
                <li key={run.id} className="flex flex-col gap-1.5 py-2" data-testid={`running-${run.id}`}>
                  <div className="flex items-center gap-2">
                    <Link to={`/executions/${run.id}`} className="truncate text-sm font-medium hover:underline">{run.name}</Link>
                    <AttemptChip attempt={run.attempt} />
                    <span className="ml-auto"><StatusBadge kind="execution" status={run.status} /></span>
                  </div>
                  <RunProgress value={run.progress} label={`Progress of ${run.name}`} />
                  <p className="text-xs text-muted-foreground">
                    {run.flow_templates?.name ?? 'Deleted pipeline'}
                    {run.environments ? ` → ${run.environments.display_name}` : ''}
                    {run.startedByName ? ` · ${run.startedByName}` : ''} · {formatDuration(executionDurationMs(run, now))}
                  </p>
                </li>
              ))}
            </ul>
          )}
      </CardContent>
    </Card>
  )
}
