import { Link, useNavigate } from 'react-router'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, formatDuration, timeAgo } from '../../../lib/format.ts'
import { PAGE_SIZE, useExecutionsPage, type ExecutionListRow } from '../api/list-executions.ts'
import { useNow } from '../../../lib/use-now.ts'
import { executionDurationMs, isExecutionLive } from '../lib/duration.ts'
import { STATUS_FILTERS, type StatusFilter } from '../lib/status-filter.ts'
import { triggerLabel } from '../lib/trigger-labels.ts'
import { AttemptChip } from './attempt-chip.tsx'
import { RunProgress } from './run-progress.tsx'

/** One page of the project's runs, newest first; a row opens the run. */
export function ExecutionsTable({ projectId, filter, page, onPage }: { projectId: string; filter: StatusFilter; page: number; onPage: (page: number) => void }) {
  const query = useExecutionsPage({ projectId, filter, page })
  const live = query.data?.rows.some((r) => isExecutionLive(r.status)) ?? false
  const now = useNow(live)
  const navigate = useNavigate()
  if (query.isPending) return <LoadingRows rows={8} />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  const { rows, total } = query.data
  if (rows.length === 0) {
    return filter === 'all'
      ? <EmptyState title="No runs yet" description="Start a pipeline from the Pipelines page and its run shows up here, live." action={<Button asChild size="sm" variant="outline"><Link to="/pipelines">Go to pipelines</Link></Button>} />
      : <EmptyState title={`No runs: ${STATUS_FILTERS[filter].label.toLowerCase()}`} description="Try another filter." />
  }
  const from = page * PAGE_SIZE + 1
  const to = Math.min(total, from + rows.length - 1)
  return (
    <div className="flex flex-col gap-3">
      <Table aria-label="Runs" aria-busy={query.isFetching}>
        <TableHeader>
          <TableRow>
            <TableHead>Run</TableHead><TableHead>Status</TableHead><TableHead className="w-40">Progress</TableHead>
            <TableHead>Environment</TableHead><TableHead>Started by</TableHead><TableHead>Started</TableHead><TableHead className="text-right">Duration</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => <ExecutionRow key={row.id} row={row} now={now} onOpen={() => navigate(`/executions/${row.id}`)} />)}
        </TableBody>
      </Table>
      <nav aria-label="Pagination" className="flex items-center justify-between text-xs text-muted-foreground">
        <span>{from}–{to} of {total}</span>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</Button>
          <Button variant="outline" size="sm" disabled={to >= total} onClick={() => onPage(page + 1)}>Next</Button>
        </div>
      </nav>
    </div>
  )
}

function ExecutionRow({ row, now, onOpen }: { row: ExecutionListRow; now: number; onOpen: () => void }) {
  return (
    <TableRow className="cursor-pointer" data-testid={`execution-row-${row.id}`} onClick={(e) => { if (!(e.target as HTMLElement).closest('a,button')) onOpen() }}>
      <TableCell>
        <div className="flex items-center gap-2">
          <Link to={`/executions/${row.id}`} className="font-medium hover:underline">{row.name}</Link>
          <AttemptChip attempt={row.attempt} />
        </div>
        <p className="text-xs text-muted-foreground">
          {row.flow_templates?.name ?? 'Pipeline deleted'} · {triggerLabel(row.trigger_source)}{row.branch ? ` · ${row.branch}` : ''}
        </p>
      </TableCell>
      <TableCell><StatusBadge kind="execution" status={row.status} /></TableCell>
      <TableCell><RunProgress status={row.status} value={row.progress} label={`Progress of ${row.name}`} /></TableCell>
      <TableCell className="text-xs">{row.environments?.display_name ?? <span className="text-muted-foreground">—</span>}</TableCell>
      <TableCell className="text-xs">{row.startedByName ?? <span className="text-muted-foreground">{triggerLabel(row.trigger_source)}</span>}</TableCell>
      <TableCell className="text-xs text-muted-foreground" title={formatDateTime(row.started_at ?? row.created_at)}>{timeAgo(row.started_at ?? row.created_at, now)}</TableCell>
      <TableCell className="text-right text-xs tabular-nums">{formatDuration(executionDurationMs(row, now))}</TableCell>
    </TableRow>
  )
}
