import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { StatusBadge } from '../../../components/status-badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { formatDateTime, formatDuration, timeAgo } from '../../../lib/format.ts'
import { EVENTS_PAGE_SIZE, useHealthEvents } from '../api/get-health-events.ts'

/** A connection's health checks, newest first, a page at a time. */
export function HealthEventsTable({ connectionId }: { connectionId: string }) {
  const [page, setPage] = useState(0)
  const events = useHealthEvents(connectionId, page)
  if (events.isPending) return <LoadingRows rows={4} />
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />
  if (events.data.total === 0) return <EmptyState title="Not checked yet" description="Checks appear here after Check now or the next scheduled check." />
  const pages = Math.max(1, Math.ceil(events.data.total / EVENTS_PAGE_SIZE))
  return (
    <div className="flex flex-col gap-2">
      <Table aria-label="Recent checks">
        <TableHeader>
          <TableRow>
            <TableHead>Checked</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Response</TableHead>
            <TableHead>Message</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.data.rows.map((e) => (
            <TableRow key={e.id} data-testid="health-event">
              <TableCell className="whitespace-nowrap text-muted-foreground" title={formatDateTime(e.checked_at)}>{timeAgo(e.checked_at)}</TableCell>
              <TableCell><StatusBadge kind="connection" status={e.status} /></TableCell>
              <TableCell className="text-right tabular-nums">{formatDuration(e.response_time_ms)}</TableCell>
              <TableCell className="text-xs break-words text-muted-foreground">{e.message ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 && (
        <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Check history pages">
          <span className="text-muted-foreground">Page {page + 1} of {pages}</span>
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Newer</Button>
          <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Older</Button>
        </nav>
      )}
    </div>
  )
}
