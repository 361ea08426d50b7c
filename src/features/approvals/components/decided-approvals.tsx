import { useState } from 'react'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { DECIDED_PAGE_SIZE, useDecidedApprovals } from '../api/get-approvals.ts'
import { ApprovalCard } from './approval-card.tsx'

/** Decided requests, most recent first, a page at a time. */
export function DecidedApprovals() {
  const project = useProject()
  const [page, setPage] = useState(0)
  const decided = useDecidedApprovals(project.id, page)
  if (decided.isPending) return <LoadingRows rows={3} />
  if (decided.isError) return <ErrorState error={decided.error} onRetry={() => void decided.refetch()} />
  const { rows, total } = decided.data
  if (total === 0) return <EmptyState title="No decided approvals yet" />
  const pages = Math.max(1, Math.ceil(total / DECIDED_PAGE_SIZE))
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">{rows.map((r) => <ApprovalCard key={r.id} request={r} />)}</div>
      <nav className="flex items-center justify-end gap-2 text-sm" aria-label="Decided approvals pages">
        <span className="text-muted-foreground">Page {page + 1} of {pages} · {total} decided</span>
        <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Previous</Button>
        <Button size="sm" variant="outline" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>Next</Button>
      </nav>
    </div>
  )
}
