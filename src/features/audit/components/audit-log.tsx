import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useTableChanges } from '../../../lib/realtime.ts'
import { AUDIT_PAGE_SIZE, useAuditLogs } from '../api/get-audit-logs.ts'
import { useAuditParams } from '../hooks/use-audit-params.ts'
import { emptyAuditFilter, isFiltered } from '../lib/audit-filter.ts'
import { AuditEntry } from './audit-entry.tsx'
import { AuditFilters } from './audit-filters.tsx'

/**
 * The organization's audit trail: filters and page in the URL, entries newest first. New entries arrive live:
 * the first page refetches; on a later page a banner counts them instead of shifting the rows being read.
 */
export function AuditLog({ orgId }: { orgId: string }) {
  const { filter, page, setFilter, setPage } = useAuditParams()
  const logs = useAuditLogs(orgId, filter, page)
  const queryClient = useQueryClient()
  const [arrived, setArrived] = useState(0)
  // Everything the audit page caches except the chain status (re-hashing the trail on every insert would be waste).
  const refetch = () => {
    setArrived(0)
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all, predicate: (q) => q.queryKey[1] !== queryKeys.audit.chain[1] })
  }
  useTableChanges([{ table: 'audit_logs', filter: `organization_id=eq.${orgId}`, event: 'INSERT' }], () => {
    if (page === 0) refetch()
    else setArrived((n) => n + 1)
  }, true, refetch)

  const total = logs.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
  const goTo = (next: number) => { setArrived(0); setPage(next) }
  return (
    <section className="flex flex-col gap-3" aria-label="Audit trail">
      <AuditFilters orgId={orgId} filter={filter} onChange={setFilter} />
      <div className="flex items-center justify-between gap-2 text-sm">
        <p className="text-muted-foreground" data-testid="audit-total" aria-live="polite">
          {logs.data ? `${total.toLocaleString()} ${total === 1 ? 'entry' : 'entries'}${isFiltered(filter) ? ' match' : ''}` : ' '}
        </p>
        {logs.isFetching && !logs.isPending && <span className="text-xs text-muted-foreground">Updating…</span>}
      </div>
      {arrived > 0 && (
        <div role="status" className="flex items-center justify-between rounded-md border border-info/30 bg-info/10 px-4 py-2 text-sm">
          <span>{arrived} new {arrived === 1 ? 'entry' : 'entries'} since you opened this page.</span>
          <Button size="sm" variant="outline" onClick={() => goTo(0)}>Show newest</Button>
        </div>
      )}
      {logs.isPending ? <LoadingRows rows={6} />
        : logs.isError ? <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />
        : logs.data.rows.length === 0 ? (
          <EmptyState
            title={filter.entry ? `Entry #${filter.entry} is not in this organization's trail` : 'No audit entries match'}
            description={filter.entry
              ? 'The chain spans every organization of the installation: this entry belongs to another one (an installation admin can read it), or it was removed.'
              : isFiltered(filter) ? 'Widen the time range or clear a filter.' : 'Every governed change is recorded here as it happens.'}
            action={isFiltered(filter) ? <Button size="sm" variant="outline" onClick={() => setFilter(emptyAuditFilter)}>Clear filters</Button> : undefined}
          />
        ) : (
          <ol className="flex flex-col divide-y rounded-md border bg-card" aria-label="Audit entries">
            {logs.data.rows.map((row) => (
              <AuditEntry key={row.id} row={row} onHistory={(resource, resourceId) => setFilter({ ...emptyAuditFilter, resource, resourceId })} />
            ))}
          </ol>
        )}
      <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Audit pages">
        <span className="text-muted-foreground">Page {Math.min(page + 1, pages)} of {pages}</span>
        <Button size="sm" variant="outline" disabled={page === 0} onClick={() => goTo(0)}>Newest</Button>
        <Button size="sm" variant="outline" disabled={page === 0} onClick={() => goTo(page - 1)}>Newer</Button>
        <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => goTo(page + 1)}>Older</Button>
      </nav>
    </section>
  )
}
