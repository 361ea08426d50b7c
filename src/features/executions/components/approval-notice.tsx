import { Hand } from 'lucide-react'
import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert.tsx'
import { useOpenApprovals } from '../api/list-open-approvals.ts'

/** "Level 1 of 2: Security (1 more)" (the database's words) as "Level 1 of 2 — needs Security (1 more)". */
const needs = (waitingFor: string) => waitingFor.replace(/^(Level \d+ of \d+): /, '$1 — needs ')

/** A run held at an approval gate says which, how many votes it has, what it still needs, and where to vote. */
export function ApprovalNotice({ executionId, waiting }: { executionId: string; waiting: boolean }) {
  const query = useOpenApprovals(executionId, waiting)
  // A run paused with no open request waits for something else (a deploy queued for its environment).
  if (!waiting || (query.isSuccess && query.data.length === 0)) return null
  const requests = query.data ?? []
  return (
    <Alert tone="warning" className="flex items-start gap-3" data-testid="approval-notice">
      <Hand className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <div className="flex-1">
        <p className="font-medium">Paused on an approval gate</p>
        {requests.length === 0
          ? <p className="text-muted-foreground">The run continues once the gate is approved.</p>
          : requests.map((r) => (
            <p key={r.id} className="text-muted-foreground" data-testid={`approval-notice-${r.node_id}`}>
              {r.title ?? `Approval for ${r.environments?.display_name ?? r.node_id}`}: {r.approval_count} of {r.required_approvals} approvals
              {r.waiting_for && <> · <span className="text-foreground">{needs(r.waiting_for)}</span></>}
            </p>
          ))}
      </div>
      <Link to="/approvals" className="shrink-0 text-sm font-medium text-primary underline-offset-4 hover:underline">Go to approvals</Link>
    </Alert>
  )
}
