import { EmptyState, ErrorState, LoadingRows, PageHeader } from '../../../components/states.tsx'
import { useProject } from '../../../lib/workspace.ts'
import { usePendingApprovals } from '../api/get-approvals.ts'
import { useLiveApprovals } from '../api/use-live-approvals.ts'
import { ApprovalCard } from '../components/approval-card.tsx'
import { DecidedApprovals } from '../components/decided-approvals.tsx'

export default function ApprovalsPage() {
  const project = useProject()
  const pending = usePendingApprovals(project.id)
  useLiveApprovals(project.id)
  return (
    <>
      <PageHeader title="Approvals" description={`Gates that pause ${project.name}'s runs until enough people approve.`} />
      <section aria-labelledby="pending-title" className="mb-8 flex flex-col gap-3">
        <h2 id="pending-title" className="text-lg font-semibold">Pending</h2>
        {pending.isPending ? <LoadingRows rows={2} />
          : pending.isError ? <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
          : pending.data.length === 0 ? <EmptyState title="Nothing waiting for approval" description="Runs that reach an approval gate show up here." />
          : <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">{pending.data.map((r) => <ApprovalCard key={r.id} request={r} />)}</div>}
      </section>
      <section aria-labelledby="decided-title" className="flex flex-col gap-3">
        <h2 id="decided-title" className="text-lg font-semibold">Decided</h2>
        <DecidedApprovals />
      </section>
    </>
  )
}
