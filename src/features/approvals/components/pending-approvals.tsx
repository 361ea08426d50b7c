import { Link } from 'react-router'
import { EmptyState, ErrorState, LoadingRows } from '../../../components/states.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { useProject, useWorkspace } from '../../../lib/workspace.ts'
import { usePendingApprovals, type ApprovalRequest } from '../api/get-approvals.ts'
import { useLiveApprovals } from '../api/use-live-approvals.ts'
import { voteEligibility } from '../lib/vote-eligibility.ts'
import { ApprovalCard } from './approval-card.tsx'

/** Pending requests with the ones the user can act on first; approve or reject inline. */
export function PendingApprovals() {
  const project = useProject()
  const { user, role } = useWorkspace()
  const approvals = usePendingApprovals(project.id)
  useLiveApprovals(project.id)

  const mine = (r: ApprovalRequest) => voteEligibility({
    userId: user.id, role, status: r.status, expiresAt: r.expires_at, allowedRoles: r.allowed_roles,
    allowSelfApproval: r.allow_self_approval, startedBy: r.executions?.started_by ?? null, voterIds: r.approval_votes.map((v) => v.user_id),
  }).canVote
  const rows = [...(approvals.data ?? [])].sort((a, b) => Number(mine(b)) - Number(mine(a)))
  const waitingForMe = rows.filter(mine).length

  return (
    <Card aria-labelledby="pending-approvals-title" data-testid="pending-approvals">
      <CardHeader>
        <CardTitle id="pending-approvals-title">Approvals waiting</CardTitle>
        <CardDescription>
          {approvals.data ? <><span data-testid="approvals-waiting-for-me">{waitingForMe}</span> waiting for you · {rows.length} open · </> : null}
          <Link to="/approvals" className="underline underline-offset-2">All approvals</Link>
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {approvals.isPending ? <LoadingRows rows={2} />
          : approvals.isError ? <ErrorState error={approvals.error} onRetry={() => void approvals.refetch()} />
          : rows.length === 0 ? <EmptyState title="Nothing waiting for approval" description="Runs that reach an approval gate show up here." />
          : rows.slice(0, 5).map((r) => <ApprovalCard key={r.id} request={r} compact />)}
        {rows.length > 5 && <Link to="/approvals" className="text-sm underline underline-offset-2">{rows.length - 5} more on the approvals page</Link>}
      </CardContent>
    </Card>
  )
}
