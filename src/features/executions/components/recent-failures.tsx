import { Link } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { timeAgo } from '../../../lib/format.ts'
import { useProject } from '../../../lib/workspace.ts'
import { useRecentFailures, type RecentFailure } from '../api/list-recent-failures.ts'
import { useLiveExecutionLists } from '../api/use-live-execution.ts'
import { AttemptChip } from './attempt-chip.tsx'

/** The current project's latest failed runs, what failed in each and whether it was rerun: for Investigate mode. */
export function RecentFailures() {
  const project = useProject()
  const query = useRecentFailures(project.id)
  useLiveExecutionLists(project.id)
  return (
    <Card data-testid="recent-failures">
      <CardHeader className="flex flex-row items-center justify-between">
        <CardTitle>Recent failures</CardTitle>
        <Link to="/executions?status=failed" className="text-xs text-primary hover:underline">
          {query.data ? `All ${query.data.total} failed` : 'All failed runs'}
        </Link>
      </CardHeader>
      <CardContent>
        {query.isPending ? <LoadingRows rows={3} />
          : query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          : query.data.rows.length === 0 ? <EmptyState title="No failed runs" description="When a run fails it shows here first, with the node that failed." />
          : (
            <ul className="flex flex-col divide-y" aria-label="Failed runs">
              {query.data.rows.map((run) => <FailureRow key={run.id} run={run} />)}
            </ul>
          )}
      </CardContent>
    </Card>
  )
}

function FailureRow({ run }: { run: RecentFailure }) {
  const failed = run.failedNodes[0]
  return (
    <li className="flex flex-col gap-1 py-2" data-testid={`failure-${run.id}`}>
      <div className="flex items-center gap-2">
        <Link to={`/executions/${run.id}${failed ? `?node=${encodeURIComponent(failed.node_id)}` : ''}`} className="truncate text-sm font-medium hover:underline">{run.name}</Link>
        <AttemptChip attempt={run.attempt} />
        <span className="ml-auto text-xs text-muted-foreground" title={run.finished_at ?? run.created_at}>{timeAgo(run.finished_at ?? run.created_at)}</span>
      </div>
      <p className="truncate text-xs text-muted-foreground">
        {failed ? <>Failed at <span className="font-medium text-foreground">{failed.name}</span>{run.failedNodes.length > 1 ? ` and ${run.failedNodes.length - 1} more` : ''}</> : 'Failed'}
        {run.error_message ? ` — ${run.error_message}` : ''}
      </p>
      {run.rerun && (
        <p className="flex items-center gap-1.5 text-xs">
          Rerun as <Link to={`/executions/${run.rerun.id}`} className="font-medium hover:underline">attempt {run.rerun.attempt}</Link>
          <StatusBadge kind="execution" status={run.rerun.status} />
        </p>
      )}
    </li>
  )
}
