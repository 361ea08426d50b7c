import { ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx'
import { formatDateTime, timeAgo } from '../../../lib/format.ts'
import { useExportStatus } from '../api/export-status.ts'

const outcomeTone = {
  sending: 'info', delivered: 'success', partial: 'warning', retry: 'warning', rejected: 'danger', dropped: 'danger',
} as const satisfies Record<string, BadgeTone>

/** Where the run spans exported to this connection stand: queued, delivered, dropped, and each recent batch. */
export function ExportStatusSection({ connectionId }: { connectionId: string }) {
  const status = useExportStatus(connectionId)
  return (
    <section aria-labelledby="export-heading" className="flex flex-col gap-2" data-testid="export-status">
      <h3 id="export-heading" className="text-sm font-medium">Span export</h3>
      {status.isPending ? <LoadingRows rows={2} />
        : status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        : (
          <>
            <p className="flex flex-wrap gap-1.5 text-sm" data-testid="export-queue">
              <Badge tone="info">{status.data.queue.pending} queued</Badge>
              <Badge tone="success">{status.data.queue.delivered} delivered</Badge>
              <Badge tone={status.data.queue.dropped ? 'danger' : 'neutral'}>{status.data.queue.dropped} dropped</Badge>
            </p>
            {status.data.batches.length === 0 ? <p className="text-xs text-muted-foreground">No batch sent yet.</p> : (
              <ul className="flex flex-col gap-1 text-sm" aria-label="Recent batches">
                {status.data.batches.map((b) => (
                  <li key={b.id} className="flex flex-wrap items-center gap-2 rounded-md border px-2 py-1" data-testid="export-batch">
                    <Badge tone={outcomeTone[b.outcome as keyof typeof outcomeTone] ?? 'neutral'}>{b.outcome}</Badge>
                    <span>{b.spans} span{b.spans === 1 ? '' : 's'}</span>
                    {b.attempt > 1 && <span className="text-xs text-muted-foreground">attempt {b.attempt}</span>}
                    {b.http_status && <span className="text-xs text-muted-foreground">HTTP {b.http_status}</span>}
                    <span className="text-xs text-muted-foreground" title={formatDateTime(b.started_at)}>{timeAgo(b.started_at)}</span>
                    {b.message && <span className="w-full text-xs break-words text-muted-foreground">{b.message}</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
    </section>
  )
}
