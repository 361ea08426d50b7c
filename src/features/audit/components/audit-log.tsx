import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { NativeSelect } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { queryKeys } from '../../../lib/query-keys.ts'
import { useLiveQueries } from '../../../lib/realtime.ts'
import { useAuditFacets } from '../api/get-audit-facets.ts'
import { AUDIT_PAGE_SIZE, useAuditLogs, type AuditFilter } from '../api/get-audit-logs.ts'
import { AuditEntry } from './audit-entry.tsx'

/** The organization's audit trail with action/resource filters and pages; new entries arrive live. */
export function AuditLog({ orgId }: { orgId: string }) {
  const [filter, setFilter] = useState<AuditFilter>({ action: '', resource: '' })
  const [page, setPage] = useState(0)
  const facets = useAuditFacets(orgId)
  const logs = useAuditLogs(orgId, filter, page)
  useLiveQueries([{ table: 'audit_logs', filter: `organization_id=eq.${orgId}`, event: 'INSERT' }], [queryKeys.audit.all])
  const update = (change: Partial<AuditFilter>) => { setFilter((f) => ({ ...f, ...change })); setPage(0) }
  const pages = Math.max(1, Math.ceil((logs.data?.total ?? 0) / AUDIT_PAGE_SIZE))
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" value={filter.action} onChange={(e) => update({ action: e.target.value })} className="w-48">
            <option value="">All actions</option>
            {facets.data?.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-resource">Resource</Label>
          <NativeSelect id="audit-resource" value={filter.resource} onChange={(e) => update({ resource: e.target.value })} className="w-56">
            <option value="">All resources</option>
            {facets.data?.resources.map((r) => <option key={r} value={r}>{r}</option>)}
          </NativeSelect>
        </div>
        {logs.data && <p className="pb-2 text-sm text-muted-foreground" data-testid="audit-total">{logs.data.total} entries</p>}
      </div>
      {logs.isPending ? <LoadingRows rows={6} />
        : logs.isError ? <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />
        : logs.data.rows.length === 0 ? <EmptyState title="No audit entries match" description="Change the filters, or make a change: every governed write is recorded." />
        : (
          <ol className="flex flex-col divide-y rounded-md border bg-card" aria-label="Audit entries">
            {logs.data.rows.map((row) => <AuditEntry key={row.id} row={row} />)}
          </ol>
        )}
      <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Audit pages">
        <span className="text-muted-foreground">Page {page + 1} of {pages}</span>
        <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Newer</Button>
        <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Older</Button>
      </nav>
    </div>
  )
}
